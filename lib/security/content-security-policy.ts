import { randomBytes } from 'node:crypto';

export interface PagePolicyOptions {
  /** Fresh for every response: a script may run only when it carries this value. */
  readonly nonce: string;
  /** `next dev` rebuilds error stacks with eval and injects its overlay's styles inline. */
  readonly development: boolean;
  /** The browser reached the console over https (directly or through the reverse proxy). */
  readonly https: boolean;
}

/** 128 random bits, base64: the form Next.js looks for in `'nonce-…'`. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The Content-Security-Policy of every page. Scripts run only with the response's nonce (Next.js
 * puts it on its own scripts when it finds it in the request's policy), and what they load
 * themselves is trusted through 'strict-dynamic'. Styles are the build's stylesheets on this
 * origin: the console has no inline styles, so none are allowed in production.
 */
export function pagePolicy(options: PagePolicyOptions): string {
  const { nonce, development, https } = options;
  const directives = [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    `style-src 'self'${development ? " 'unsafe-inline'" : ''}`,
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Over https, a stray http:// reference must never load in the clear; over plain http (a
    // test on loopback) upgrading would break every asset instead.
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** The policy of JSON and file answers: nothing in them may load or run, and no page may frame them. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";
