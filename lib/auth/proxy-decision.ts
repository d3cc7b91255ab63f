export type ProxyDecision =
  | { readonly kind: 'pass' }
  | { readonly kind: 'sign-in'; readonly location: string }
  | { readonly kind: 'unauthorized' };

export interface ProxyRequest {
  readonly pathname: string;
  /** The query string with its `?`, or ''. */
  readonly search: string;
  readonly hasSession: boolean;
  /** The request carries `Authorization: Bearer …` (API tokens are checked by the route itself). */
  readonly hasBearer: boolean;
}

/** Pages and routes that signed-out visitors must reach. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === '/sign-in' ||
    pathname.startsWith('/sign-in/') ||
    pathname.startsWith('/api/auth/') ||
    pathname.startsWith('/_next/') ||
    pathname === '/favicon.ico' ||
    pathname === '/icon.svg' ||
    pathname === '/robots.txt'
  );
}

/**
 * The proxy's whole policy: an early turn-away of visitors without a session. It is never the
 * only check — every page, route handler and action calls requireRole/authorize itself.
 */
export function decideProxy(request: ProxyRequest): ProxyDecision {
  if (isPublicPath(request.pathname) || request.hasSession) return { kind: 'pass' };
  if (request.pathname === '/api' || request.pathname.startsWith('/api/')) {
    return request.hasBearer ? { kind: 'pass' } : { kind: 'unauthorized' };
  }
  const callback = `${request.pathname}${request.search}`;
  const location = callback === '/' ? '/sign-in' : `/sign-in?callbackUrl=${encodeURIComponent(callback)}`;
  return { kind: 'sign-in', location };
}
