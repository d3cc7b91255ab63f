import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { E2E_USERS } from '../e2e/support/auth-users';
import { cookieHeader, fetchCsrfPair, postCredentials, setCookieLine } from './support/next-auth-requests';
import { findServerActionId, postServerAction } from './support/server-action';
import { startSecurityTarget, type SecurityTarget } from './support/security-console';

// What a browser says about a request started by another site. Each must be refused before
// anything runs; the same request with the console's own Origin must work (so each test can fail).
const HOSTILE: ReadonlyArray<{ readonly name: string; readonly headers: Readonly<Record<string, string>> }> = [
  { name: 'Origin: https://evil.example', headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } },
  { name: 'Origin: https://evil.example (no Sec-Fetch-Site)', headers: { origin: 'https://evil.example' } },
  { name: 'Origin: null', headers: { origin: 'null' } },
  { name: 'no Origin, Sec-Fetch-Site: cross-site', headers: { 'sec-fetch-site': 'cross-site' } },
  { name: 'no Origin, Sec-Fetch-Site: same-site', headers: { 'sec-fetch-site': 'same-site' } },
];

/** A CallId the console has never seen (base64, as Exchange's are). */
function freshCallId(): string {
  return Buffer.from(`${randomUUID()}@um-sim-01.contoso.test`).toString('base64');
}

describe('cross-site requests', () => {
  let target: SecurityTarget;
  let operator: string;
  let own: Readonly<Record<string, string>>;
  before(async () => {
    target = await startSecurityTarget();
    operator = await target.sessionCookie('operator');
    own = { origin: target.url, 'sec-fetch-site': 'same-origin' };
  });
  after(() => target?.stop());

  async function isTracked(callId: string): Promise<boolean> {
    const response = await fetch(`${target.url}/api/v1/calls/${encodeURIComponent(callId)}`, { headers: { cookie: operator } });
    assert.ok(response.status === 200 || response.status === 404, `GET the call answered ${response.status}`);
    return response.status === 200;
  }

  it('a server action (Track call) posted cross-site is refused with 403 and a sentence; nothing reaches UM; with the own Origin it works', async () => {
    const actionId = await findServerActionId('lib/actions/track-call-action.ts', 'trackCallAction');
    for (const hostile of HOSTILE) {
      const callId = freshCallId();
      const before = target.umRequests();
      const response = await postServerAction(target.url, {
        page: '/calls',
        actionId,
        fields: { callId, label: 'forged' },
        headers: { cookie: operator, ...hostile.headers },
      });
      assert.equal(response.status, 403, hostile.name);
      assert.match(await response.text(), /^This request came from another website, so the console did not act on it\./, hostile.name);
      assert.equal(target.umRequests(), before, `${hostile.name}: no UM request`);
      assert.equal(await isTracked(callId), false, `${hostile.name}: the call was not tracked`);
    }

    const callId = freshCallId();
    const before = target.umRequests();
    const response = await postServerAction(target.url, {
      page: '/calls',
      actionId,
      fields: { callId, label: 'from the console itself' },
      headers: { cookie: operator, ...own },
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/x-component/);
    assert.match(await response.text(), /"status":"tracked"/);
    assert.ok(target.umRequests() > before, 'the own-origin action checked the call with the UM service');
    assert.equal(await isTracked(callId), true);
  });

  it('a cookie-authenticated POST to /api/v1 from another site is refused as JSON; the same-origin one works', async () => {
    for (const hostile of HOSTILE) {
      const callId = freshCallId();
      const before = target.umRequests();
      const response = await fetch(`${target.url}/api/v1/calls`, {
        method: 'POST',
        headers: { cookie: operator, 'content-type': 'application/json', ...hostile.headers },
        body: JSON.stringify({ callId }),
      });
      assert.equal(response.status, 403, hostile.name);
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      assert.equal(body.error?.code, 'forbidden', hostile.name);
      assert.match(body.error?.message ?? '', /another website/, hostile.name);
      assert.equal(target.umRequests(), before, `${hostile.name}: no UM request`);
      assert.equal(await isTracked(callId), false, hostile.name);
    }
    const callId = freshCallId();
    const response = await fetch(`${target.url}/api/v1/calls`, {
      method: 'POST',
      headers: { cookie: operator, 'content-type': 'application/json', ...own },
      body: JSON.stringify({ callId }),
    });
    assert.equal(response.status, 201);
    assert.equal(await isTracked(callId), true);
  });

  it('an Origin on another port or host name is another origin, and so is an http page when the console is reached over https', async () => {
    const port = Number(new URL(target.url).port);
    const post = (origin: string, extra: Readonly<Record<string, string>> = {}) =>
      fetch(`${target.url}/api/v1/calls`, {
        method: 'POST',
        headers: { cookie: operator, 'content-type': 'application/json', origin, ...extra },
        body: JSON.stringify({ callId: freshCallId() }),
      });
    for (const origin of [`http://127.0.0.1:${port + 1}`, 'http://127.0.0.1', `http://localhost:${port}`, `http://127.0.0.1.evil.example:${port}`]) {
      assert.equal((await post(origin)).status, 403, origin);
    }
    // Behind the TLS proxy the page was https: its plain-http twin is someone in the middle.
    assert.equal((await post(target.url, { 'x-forwarded-proto': 'https' })).status, 403, 'http Origin, https request');
    assert.equal((await post(`https://127.0.0.1:${port}`, { 'x-forwarded-proto': 'https' })).status, 201, 'https Origin, https request');
  });

  it('a plain form POST to a page from another site is refused before the page runs', async () => {
    const response = await fetch(`${target.url}/settings/stuck-rules`, {
      method: 'POST',
      headers: { cookie: operator, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'anything=1',
      redirect: 'manual',
    });
    assert.equal(response.status, 403);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
  });

  it('next-auth: a right password posted from another site signs nobody in; from the console it does', async () => {
    const who = E2E_USERS.viewer;
    for (const hostile of HOSTILE) {
      const csrf = await fetchCsrfPair(target.url);
      const response = await postCredentials(target.url, csrf, { email: who.email, password: who.password, callbackUrl: '/calls', headers: hostile.headers });
      assert.equal(response.status, 403, hostile.name);
      assert.equal(setCookieLine(response, 'umcc-session'), undefined, `${hostile.name}: no session cookie`);
    }
    const csrf = await fetchCsrfPair(target.url);
    const response = await postCredentials(target.url, csrf, { email: who.email, password: who.password, callbackUrl: '/calls', headers: own });
    assert.equal(response.status, 302);
    assert.ok(setCookieLine(response, 'umcc-session'), 'signed in from the console itself');
  });

  it('next-auth: signing someone out from another site is refused, and their session still works', async () => {
    const session = await target.sessionCookie('viewer');
    const csrf = await fetchCsrfPair(target.url);
    const response = await fetch(`${target.url}/api/auth/signout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${session}; ${csrf.cookie}`, origin: 'https://evil.example' },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: '/sign-in' }),
      redirect: 'manual',
    });
    assert.equal(response.status, 403);
    assert.equal(cookieHeader(response), '', 'no cookie was cleared');
    const still = await fetch(`${target.url}/api/v1/calls`, { headers: { cookie: session } });
    assert.equal(still.status, 200);
  });
});
