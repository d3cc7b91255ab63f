// What counts as "refused" for a request that must not be served: a redirect to the sign-in page,
// 401/403/404, 405 for a method the route does not have, an empty 204 to OPTIONS, or (server
// actions) Next's own refusals and an action result that is an auth error.
// Each check returns undefined when refused, otherwise why not, for the assertion message.
import type { ActionResponse } from './action-request';

export interface PlainResponse {
  readonly method: string;
  readonly status: number;
  readonly location: string | null;
  readonly body: string;
}

const REFUSAL_STATUSES = new Set([401, 403, 404]);

/** Answers that carry nothing: a method the route does not have, Next's automatic OPTIONS answer. */
function isEmptyMethodAnswer(response: PlainResponse): boolean {
  if (response.status === 405) return true;
  return response.status === 204 && response.method === 'OPTIONS' && response.body === '';
}

function redirectsToSignIn(status: number, location: string | null): boolean {
  if (status < 300 || status > 399 || location === null) return false;
  return new URL(location, 'http://console.invalid').pathname === '/sign-in';
}

/** A page or route handler asked by someone who may not: refused, and nothing in `markers` shown. */
export function whyNotRefused(response: PlainResponse, markers: readonly string[]): string | undefined {
  const leaked = markers.find((marker) => response.body.includes(marker));
  if (leaked !== undefined) return `the body shows protected data (${leaked.slice(0, 40)})`;
  if (redirectsToSignIn(response.status, response.location) || REFUSAL_STATUSES.has(response.status)) return undefined;
  if (isEmptyMethodAnswer(response)) return undefined;
  return `answered HTTP ${response.status}${response.location ? ` → ${response.location}` : ''}: ${response.body.slice(0, 160)}`;
}

/**
 * fetch that follows redirects within the console (Next's path normalisation answers 308 to the
 * clean path, an RSC request without its cache key 307 to the URL with it) but stops at one to
 * the sign-in page: what is judged is where the request finally lands.
 */
export async function fetchJudged(url: string, init: RequestInit & { readonly method?: string }): Promise<PlainResponse> {
  let current = url;
  let request: RequestInit & { readonly method?: string } = init;
  for (let hop = 0; ; hop += 1) {
    const response = await fetch(current, { ...request, redirect: 'manual' });
    const location = response.headers.get('location');
    const method = request.method ?? 'GET';
    const body = method === 'HEAD' ? '' : await response.text();
    const next = location === null ? undefined : new URL(location, current);
    const within = next !== undefined && next.origin === new URL(url).origin && next.pathname !== '/sign-in';
    if (!within || response.status < 300 || response.status > 399 || hop >= 3) return { method, status: response.status, location, body };
    // 307 and 308 repeat the request as it was; the others continue with a GET.
    if (response.status !== 307 && response.status !== 308) request = { headers: init.headers ?? {}, method: 'GET' };
    current = next.href;
  }
}

export type ActionResult =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'thrown' }
  | { readonly kind: 'unreadable' };

/**
 * The rows of a Flight response by id. A row is `<id>:<json>\n`, or `<id>:T<hex byte length>,<text>`
 * without a line end (long strings).
 */
function flightRows(body: string): Map<string, string> {
  const bytes = Buffer.from(body, 'utf8');
  const rows = new Map<string, string>();
  let at = 0;
  while (at < bytes.length) {
    const colon = bytes.indexOf(':', at);
    if (colon < 0) break;
    const id = bytes.subarray(at, colon).toString('utf8');
    if (bytes[colon + 1] === 0x54 /* T */) {
      const comma = bytes.indexOf(',', colon);
      const length = Number.parseInt(bytes.subarray(colon + 2, comma).toString('latin1'), 16);
      if (comma < 0 || !Number.isFinite(length)) break;
      rows.set(id, `T${bytes.subarray(comma + 1, comma + 1 + length).toString('utf8')}`);
      at = comma + 1 + length;
    } else {
      const end = bytes.indexOf('\n', colon);
      rows.set(id, bytes.subarray(colon + 1, end < 0 ? bytes.length : end).toString('utf8'));
      at = end < 0 ? bytes.length : end + 1;
    }
  }
  return rows;
}

/**
 * The action's return value from a Flight response: row 0 names the row holding it ("a":"$@1"),
 * which is JSON, "$undefined", or E{…} when the action threw.
 */
export function readActionResult(body: string): ActionResult {
  const rows = flightRows(body);
  let root: { a?: unknown };
  try {
    root = JSON.parse(rows.get('0') ?? '') as { a?: unknown };
  } catch {
    return { kind: 'unreadable' };
  }
  const ref = typeof root.a === 'string' ? /^\$@([0-9a-f]+)$/.exec(root.a)?.[1] : undefined;
  const row = ref === undefined ? undefined : rows.get(ref);
  if (row === undefined) return { kind: 'unreadable' };
  if (row.startsWith('E')) return { kind: 'thrown' };
  if (row === '"$undefined"') return { kind: 'value', value: undefined };
  try {
    return { kind: 'value', value: JSON.parse(row) as unknown };
  } catch {
    return { kind: 'unreadable' };
  }
}

/** An action result that says "sign in" or "your role may not": the shapes lib/actions return. */
export function isAuthError(value: unknown, code: 'unauthenticated' | 'forbidden'): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const result = value as { ok?: unknown; status?: unknown; code?: unknown; message?: unknown; error?: { code?: unknown } };
  if (result.ok === false) return result.error?.code === code;
  if (result.status !== 'error' || typeof result.message !== 'string') return false;
  if (result.code !== undefined) return result.code === code;
  // Form states carry only the message of authorize's refusal.
  return code === 'unauthenticated' ? /you are signed out/i.test(result.message) : /your role \(/i.test(result.message);
}

/** A server action posted without a session: refused by the proxy, by Next, or by the action itself. */
export function whyActionNotRefused(response: ActionResponse, markers: readonly string[]): string | undefined {
  const leaked = markers.find((marker) => response.body.includes(marker));
  if (leaked !== undefined) return `the body shows protected data (${leaked.slice(0, 40)})`;
  if (redirectsToSignIn(response.status, response.location) || REFUSAL_STATUSES.has(response.status)) return undefined;
  // Next does not serve this action id here (no-JavaScript posts to another page).
  if (response.actionNotFound) return undefined;
  // Posted to a public page, Next forwards the action to its own page's bundle; the proxy turned
  // that forwarded request away, and Next answers an empty JSON object.
  if (response.status === 200 && response.body.trim() === '{}') return undefined;
  const result = readActionResult(response.body);
  if (result.kind === 'value' && isAuthError(result.value, 'unauthenticated')) return undefined;
  return `answered HTTP ${response.status} (${response.contentType}): ${response.body.slice(0, 200)}`;
}
