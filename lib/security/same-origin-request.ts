import { fail, ok, type Result } from '../result';

type HeaderSource = { get(name: string): string | null };

/** Methods that change nothing: links, reloads and prefetches, never refused here. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Sec-Fetch-Site values a browser sends for a request started by another site. */
const FOREIGN_FETCH_SITES = new Set(['cross-site', 'same-site']);

export const CROSS_SITE_MESSAGE =
  'This request came from another website, so the console did not act on it. Open the console itself and try again.';

/**
 * Cross-site request forgery, refused before anything runs: a request that may change something
 * (every method but GET, HEAD and OPTIONS: server actions, forms, next-auth's POSTs, /api/v1)
 * must come from a page of the console itself. A browser says where a request comes from in
 * Origin (`null` from sandboxed frames, data: URLs and some redirects: refused too) and in
 * Sec-Fetch-Site; a request with neither is not a browser's (curl, a script with a token) and
 * has no ambient cookie to abuse, so it passes.
 *
 * The console's own host is the one the request was addressed to (X-Forwarded-Host, else Host),
 * as Next.js compares it for server actions; when the request arrived over https, the page must
 * have been https too.
 */
export function checkSameOriginRequest(method: string, headers: HeaderSource, https: boolean): Result<null, 'cross-site'> {
  if (SAFE_METHODS.has(method.toUpperCase())) return ok(null);
  const site = headers.get('sec-fetch-site')?.trim().toLowerCase();
  if (site !== undefined && FOREIGN_FETCH_SITES.has(site)) return fail('cross-site', CROSS_SITE_MESSAGE);
  const origin = headers.get('origin');
  if (origin === null) return ok(null);
  return isOwnOrigin(origin, headers, https) ? ok(null) : fail('cross-site', CROSS_SITE_MESSAGE);
}

function isOwnOrigin(origin: string, headers: HeaderSource, https: boolean): boolean {
  const claimed = parseHttpUrl(origin.trim());
  if (!claimed) return false;
  if (https && claimed.protocol !== 'https:') return false;
  const host = (headers.get('x-forwarded-host') ?? headers.get('host'))?.split(',')[0]?.trim();
  if (!host) return false;
  // Same scheme on both sides, so an explicit default port (`:443`) compares equal to none.
  const own = parseHttpUrl(`${claimed.protocol}//${host}`);
  return own !== undefined && own.host === claimed.host;
}

function parseHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
