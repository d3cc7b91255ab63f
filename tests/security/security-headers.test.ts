import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../../lib/auth/roles';
import { E2E_USERS } from '../e2e/support/auth-users';
import { fetchCsrfPair, postCredentials, setCookieLine } from './support/next-auth-requests';
import { assertFixedHeaders, assertHsts, parsePolicy, scriptNonce, scriptTags } from './support/response-policy';
import { startSecurityTarget, type SecurityTarget } from './support/security-console';

// HTML pages of every kind: public, signed in, admin-only, refused (403) and missing (404).
const PAGES: ReadonlyArray<{ readonly path: string; readonly who: Role | null; readonly status: number }> = [
  { path: '/sign-in', who: null, status: 200 },
  { path: '/calls', who: 'viewer', status: 200 },
  { path: '/', who: 'viewer', status: 200 },
  { path: '/settings', who: 'admin', status: 200 },
  { path: '/audit', who: 'viewer', status: 403 },
  { path: '/no-such-page', who: 'viewer', status: 404 },
  { path: '/calls/batches/no-such-batch', who: 'viewer', status: 404 },
];

describe('security headers and cookies', () => {
  let target: SecurityTarget;
  const cookies = new Map<Role, string>();
  before(async () => {
    target = await startSecurityTarget();
    for (const role of ['viewer', 'admin'] as const) cookies.set(role, await target.sessionCookie(role));
  });
  after(() => target?.stop());

  function get(path: string, who: Role | null, headers: Readonly<Record<string, string>> = {}): Promise<Response> {
    const cookie = who ? cookies.get(who) : undefined;
    return fetch(`${target.url}${path}`, { headers: { ...(cookie ? { cookie } : {}), ...headers }, redirect: 'manual' });
  }

  /** Checks one HTML answer's policy and scripts; returns its nonce. */
  async function assertPageHeaders(response: Response, label: string, https: boolean): Promise<string> {
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/, label);
    const policy = parsePolicy(response.headers.get('content-security-policy'));
    const nonce = scriptNonce(response.headers.get('content-security-policy'));
    assert.ok(nonce && nonce.length >= 16, `${label}: a nonce in script-src`);
    const scriptSrc = policy.get('script-src') ?? [];
    assert.ok(scriptSrc.includes("'strict-dynamic'"), `${label}: 'strict-dynamic'`);
    for (const loose of ["'unsafe-inline'", "'unsafe-eval'", '*', 'https:', 'http:', 'data:']) {
      assert.ok(!scriptSrc.includes(loose), `${label}: script-src has ${loose}`);
    }
    assert.ok(!(policy.get('style-src') ?? []).includes("'unsafe-inline'"), `${label}: style-src has 'unsafe-inline'`);
    assert.deepEqual(policy.get('frame-ancestors'), ["'none'"], `${label}: frame-ancestors`);
    assert.deepEqual(policy.get('object-src'), ["'none'"], `${label}: object-src`);
    assert.deepEqual(policy.get('default-src'), ["'self'"], `${label}: default-src`);
    assert.ok(policy.has('base-uri') && policy.has('form-action'), `${label}: base-uri and form-action`);
    assert.equal(policy.has('upgrade-insecure-requests'), https, `${label}: upgrade-insecure-requests only over https`);
    assertFixedHeaders(response, label);
    assertHsts(response, https, label);
    assert.match(response.headers.get('cache-control') ?? '', /no-store/, `${label}: a nonce'd page is never cached`);

    const scripts = scriptTags(await response.text());
    assert.ok(scripts.length > 0, `${label}: the page has scripts`);
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), `${label}: ${tag} carries the response's nonce`);
    return nonce;
  }

  it('every kind of HTML page has a nonce policy that its own scripts carry, and the fixed headers', async () => {
    for (const page of PAGES) {
      const response = await get(page.path, page.who);
      assert.equal(response.status, page.status, page.path);
      await assertPageHeaders(response, `${page.path} as ${page.who ?? 'nobody'}`, false);
    }
  });

  it('each answer has a nonce of its own', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 10; i += 1) {
      nonces.add(await assertPageHeaders(await get('/sign-in', null), `/sign-in #${i}`, false));
      nonces.add(await assertPageHeaders(await get('/calls', 'viewer'), `/calls #${i}`, false));
    }
    assert.equal(nonces.size, 20);
  });

  it('a policy sent by the client is replaced, so a nonce it chose never reaches the page', async () => {
    const chosen = 'Y2hvc2VuLWJ5LXRoZS1jbGllbnQ=';
    const response = await get('/sign-in', null, { 'content-security-policy': `script-src 'nonce-${chosen}'` });
    const nonce = await assertPageHeaders(response.clone(), 'client policy', false);
    assert.notEqual(nonce, chosen);
    assert.ok(!(await response.text()).includes(chosen));
  });

  it('HSTS and upgrade-insecure-requests when the request arrived over https (X-Forwarded-Proto), never over plain http', async () => {
    for (const page of PAGES.slice(0, 3)) {
      await assertPageHeaders(await get(page.path, page.who, { 'x-forwarded-proto': 'https' }), `${page.path} over https`, true);
      await assertPageHeaders(await get(page.path, page.who, { 'x-forwarded-proto': 'http' }), `${page.path} over http`, false);
    }
    assertHsts(await get('/api/v1/calls', 'viewer', { 'x-forwarded-proto': 'https' }), true, 'API over https');
    assertHsts(await get('/api/v1/calls', 'viewer'), false, 'API over http');
  });

  it('JSON, file and redirect answers: nosniff, nothing may load, no framing', async () => {
    const answers: ReadonlyArray<readonly [string, Role | null, number]> = [
      ['/api/v1/calls', 'viewer', 200],
      ['/api/v1/calls', null, 401],
      ['/api/board', 'viewer', 200],
      ['/api/auth/csrf', null, 200],
      ['/api/auth/session', 'viewer', 200],
      ['/api/v1/openapi.json', 'viewer', 200],
    ];
    for (const [path, who, status] of answers) {
      const response = await get(path, who);
      assert.equal(response.status, status, path);
      assert.match(response.headers.get('content-type') ?? '', /json/, path);
      const policy = parsePolicy(response.headers.get('content-security-policy'));
      assert.deepEqual(policy.get('default-src'), ["'none'"], `${path}: default-src`);
      assert.deepEqual(policy.get('frame-ancestors'), ["'none'"], `${path}: frame-ancestors`);
      assertFixedHeaders(response, path);
    }
    const csv = await get('/calls/batches/no-such-batch/results.csv', 'viewer');
    assert.equal(csv.status, 404);
    assertFixedHeaders(csv, 'results.csv');
    assert.deepEqual(parsePolicy(csv.headers.get('content-security-policy')).get('frame-ancestors'), ["'none'"]);
    const redirect = await get('/calls', null);
    assert.equal(redirect.status, 307);
    assertFixedHeaders(redirect, 'sign-in redirect');
  });

  it('the build’s scripts and stylesheets are served with nosniff and their real type', async () => {
    const html = await (await get('/sign-in', null)).text();
    const script = /<script\b[^>]*\bsrc="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    const style = /<link\b[^>]*\bhref="(\/_next\/static\/[^"]+\.css)"/.exec(html)?.[1];
    assert.ok(script && style, 'the page links a script and a stylesheet');
    for (const [path, type] of [[script, /javascript/], [style, /text\/css/]] as const) {
      const response = await get(path, null);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type') ?? '', type, path);
      assertFixedHeaders(response, path);
    }
  });

  it('cookies over http: the session and CSRF cookies are HttpOnly and SameSite, not Secure', async () => {
    const csrfResponse = await fetch(`${target.url}/api/auth/csrf`);
    assertCookie(setCookieLine(csrfResponse, 'umcc-csrf'), { secure: false, label: 'umcc-csrf over http' });
    const csrf = await fetchCsrfPair(target.url);
    const who = E2E_USERS.viewer;
    const signedIn = await postCredentials(target.url, csrf, { email: who.email, password: who.password, callbackUrl: '/calls' });
    assert.equal(signedIn.status, 302);
    assertCookie(setCookieLine(signedIn, 'umcc-session'), { secure: false, label: 'umcc-session over http' });
  });

  it('cookies over https (X-Forwarded-Proto): Secure as well', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    const csrfResponse = await fetch(`${target.url}/api/auth/csrf`, { headers: https });
    assertCookie(setCookieLine(csrfResponse, 'umcc-csrf'), { secure: true, label: 'umcc-csrf over https' });
    const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
    const csrf = { csrfToken, cookie: setCookieLine(csrfResponse, 'umcc-csrf')?.split(';', 1)[0] ?? '' };
    const who = E2E_USERS.viewer;
    const origin = target.url.replace(/^http:/, 'https:');
    const signedIn = await postCredentials(target.url, csrf, { email: who.email, password: who.password, callbackUrl: '/calls', headers: { ...https, origin } });
    assert.equal(signedIn.status, 302);
    assert.ok(signedIn.headers.get('location')?.startsWith(`${origin}/`), 'the redirect is https too');
    assertCookie(setCookieLine(signedIn, 'umcc-session'), { secure: true, label: 'umcc-session over https' });
    assertHsts(signedIn, true, 'sign-in answer over https');
  });
});

function assertCookie(line: string | undefined, expected: { readonly secure: boolean; readonly label: string }): void {
  assert.ok(line, `${expected.label}: the cookie is set`);
  const attributes = line.split(';').slice(1).map((part) => part.trim().toLowerCase());
  assert.ok(attributes.includes('httponly'), `${expected.label}: HttpOnly in ${line}`);
  assert.ok(attributes.some((part) => part === 'samesite=lax' || part === 'samesite=strict'), `${expected.label}: SameSite in ${line}`);
  assert.ok(attributes.includes('path=/'), `${expected.label}: Path=/`);
  assert.equal(attributes.includes('secure'), expected.secure, `${expected.label}: Secure in ${line}`);
}
