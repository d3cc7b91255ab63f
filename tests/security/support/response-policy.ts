// Reading the security headers of an answer: the Content-Security-Policy's directives and nonce.
import assert from 'node:assert/strict';

/** Directive name → its sources, e.g. `script-src` → [`'nonce-…'`, `'strict-dynamic'`]. */
export function parsePolicy(header: string | null): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** The nonce of a page's script-src, or undefined. */
export function scriptNonce(header: string | null): string | undefined {
  const source = parsePolicy(header).get('script-src')?.find((value) => value.startsWith("'nonce-"));
  return source?.slice("'nonce-".length, -1);
}

/** The opening tag of every <script> in an HTML page. */
export function scriptTags(html: string): string[] {
  return html.match(/<script\b[^>]*>/gi) ?? [];
}

/** nosniff, no framing, and the rest of the fixed headers every answer carries. */
export function assertFixedHeaders(response: Response, label: string): void {
  const header = (name: string) => response.headers.get(name);
  assert.equal(header('x-content-type-options'), 'nosniff', `${label}: X-Content-Type-Options`);
  assert.equal(header('x-frame-options'), 'DENY', `${label}: X-Frame-Options`);
  assert.ok(['strict-origin-when-cross-origin', 'no-referrer', 'same-origin'].includes(header('referrer-policy') ?? ''), `${label}: Referrer-Policy`);
  assert.match(header('permissions-policy') ?? '', /camera=\(\).*microphone=\(\).*geolocation=\(\)/, `${label}: Permissions-Policy`);
  assert.equal(header('cross-origin-opener-policy'), 'same-origin', `${label}: Cross-Origin-Opener-Policy`);
  assert.equal(header('x-powered-by'), null, `${label}: no X-Powered-By`);
}

/** HSTS of at least 180 days when the request came over https; none over plain http. */
export function assertHsts(response: Response, https: boolean, label: string): void {
  const hsts = response.headers.get('strict-transport-security');
  if (!https) {
    assert.equal(hsts, null, `${label}: no Strict-Transport-Security over plain http`);
    return;
  }
  const maxAge = Number(/max-age=(\d+)/.exec(hsts ?? '')?.[1] ?? 0);
  assert.ok(maxAge >= 180 * 24 * 3600, `${label}: Strict-Transport-Security ${hsts}`);
}
