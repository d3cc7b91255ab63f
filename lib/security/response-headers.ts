import { API_POLICY, createNonce, pagePolicy } from './content-security-policy';

/** A year: browsers that saw the console over https never try plain http for it again. */
export const HSTS_VALUE = 'max-age=31536000';

export interface ResponseSecurity {
  /** The Content-Security-Policy of this response. */
  readonly policy: string;
  /** For pages: the same policy goes into the request, where Next.js reads the nonce for its scripts. */
  readonly forRendering: boolean;
  readonly https: boolean;
}

/** Route handlers that answer JSON or files; everything else renders HTML. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/**
 * What the proxy puts on one response: a page gets a policy with a nonce of its own (so a page
 * cannot be answered twice with the same one), an API answer the fixed lock-everything policy.
 */
export function securityFor(pathname: string, options: { readonly development: boolean; readonly https: boolean }): ResponseSecurity {
  if (isApiPath(pathname)) return apiResponseSecurity(options.https);
  return { policy: pagePolicy({ nonce: createNonce(), ...options }), forRendering: true, https: options.https };
}

/** An API answer's: the fixed lock-everything policy, nothing rendered. */
export function apiResponseSecurity(https: boolean): ResponseSecurity {
  return { policy: API_POLICY, forRendering: false, https };
}

/**
 * Sets the per-response headers; the fixed ones (nosniff, X-Frame-Options, Referrer-Policy,
 * Permissions-Policy, COOP) come from next.config.js for every path, static files included.
 * Strict-Transport-Security only over https: sent over plain http it is ignored at best, and the
 * console's own plain-http port is meant for the reverse proxy in front, not for browsers.
 */
export function applySecurityHeaders(headers: Headers, security: ResponseSecurity): void {
  headers.set('Content-Security-Policy', security.policy);
  if (security.https) headers.set('Strict-Transport-Security', HSTS_VALUE);
  // A nonce'd page is good for one response only: no shared or browser cache may replay it.
  if (security.forRendering) headers.set('Cache-Control', 'private, no-cache, no-store, max-age=0, must-revalidate');
}
