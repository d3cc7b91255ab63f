/** Where a signed-in person goes when nothing (usable) asked for another page. */
export const DEFAULT_LANDING_PATH = '/calls';

const MAX_CALLBACK_LENGTH = 2048;
// Parsing against a base that can never be ours: only the path of the result is ever used.
const PLACEHOLDER_ORIGIN = 'http://callback.invalid';

/**
 * The path (with query) of a callbackUrl, safe to redirect to on this console's own origin: the
 * scheme and host of an absolute URL are dropped, `//host`, `/\host` and their encoded forms never
 * become protocol-relative redirects, and anything that is not http(s) (`javascript:`, `data:`)
 * gives `fallback`. Pure, so the browser and the server share it.
 */
export function safeCallbackPath(value: unknown, fallback: string = DEFAULT_LANDING_PATH): string {
  if (typeof value !== 'string') return fallback;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > MAX_CALLBACK_LENGTH) return fallback;
  let url: URL;
  try {
    url = new URL(trimmed, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fallback;
  // A path such as `//evil.example` (from `https://x//evil.example`) would leave the origin again
  // when used as a Location: collapse any run of leading slashes and backslashes to one slash.
  const path = `/${url.pathname.replace(/^[/\\]+/, '')}${url.search}`;
  if (isSignInOrApiPath(url.pathname)) return fallback;
  return path;
}

// Coming back to the sign-in page or to an API answer after signing in is never what was meant.
function isSignInOrApiPath(pathname: string): boolean {
  return /^\/+(sign-in|api)(\/|$)/i.test(pathname);
}
