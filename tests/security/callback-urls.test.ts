import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { E2E_USERS } from '../e2e/support/auth-users';
import { fetchCsrfPair, postCredentials, redirectTarget } from './support/next-auth-requests';
import { startSecurityTarget, type SecurityTarget } from './support/security-console';

// Open redirects: every way a callbackUrl reaches the console, with every classic way out.
const HOSTILE_CALLBACKS = [
  'https://evil.example',
  'https://evil.example/calls?x=1',
  'HTTPS://EVIL.EXAMPLE',
  'https:evil.example',
  '//evil.example',
  '//evil.example/calls',
  '///evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\\/evil.example',
  '/\t/evil.example',
  '%2F%2Fevil.example',
  '/%5Cevil.example',
  'javascript:alert(document.domain)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
];

/** Where a browser would go for `location` (resolved as browsers do: `\` is `/`), which must be this console. */
function assertStaysOnConsole(location: string | undefined | null, base: string, label: string): URL {
  assert.ok(location, `${label}: there is a destination`);
  const url = new URL(location, base);
  assert.equal(url.origin, base, `${label}: ${JSON.stringify(location)} leaves the console`);
  return url;
}

describe('callbackUrl never leads off the console', () => {
  let target: SecurityTarget;
  let viewer: string;
  before(async () => {
    target = await startSecurityTarget();
    viewer = await target.sessionCookie('viewer');
  });
  after(() => target?.stop());

  /** The sign-in page for someone signed in: it sends them on at once. */
  async function signedInLanding(path: string): Promise<URL> {
    const response = await fetch(`${target.url}${path}`, { headers: { cookie: viewer }, redirect: 'manual' });
    assert.ok([302, 303, 307, 308].includes(response.status), `${path} answered ${response.status}`);
    return assertStaysOnConsole(response.headers.get('location'), target.url, path);
  }

  it('/sign-in?callbackUrl=…: the form is given a path on this console, and signed in the page redirects there', async () => {
    for (const callback of HOSTILE_CALLBACKS) {
      const path = `/sign-in?callbackUrl=${encodeURIComponent(callback)}`;
      const page = await (await fetch(`${target.url}${path}`)).text();
      // The sign-in form's props travel in the page's flight data as JSON inside a script string.
      const embedded = /callbackPath\\?":\\?"((?:[^"\\]|\\(?!"))*)\\?"/.exec(page)?.[1];
      assert.ok(embedded !== undefined, `${callback}: the form's callbackPath is in the page`);
      const formPath = JSON.parse(`"${embedded.replace(/\\\\/g, '\\')}"`) as string;
      assert.match(formPath, /^\/(?![/\\])/, `${callback}: the form got ${JSON.stringify(formPath)}`);
      assertStaysOnConsole(formPath, target.url, `${callback} (form)`);
      // After signing in, the form loads /sign-in?callbackUrl=<its path>; the page sends the person on.
      await signedInLanding(`/sign-in?callbackUrl=${encodeURIComponent(formPath)}`);
      await signedInLanding(path);
    }
  });

  it('next-auth’s credentials callback answers with a destination on this console, as a redirect and as JSON', async () => {
    const who = E2E_USERS.viewer;
    for (const callback of HOSTILE_CALLBACKS) {
      for (const json of [false, true]) {
        const csrf = await fetchCsrfPair(target.url);
        const response = await postCredentials(target.url, csrf, { email: who.email, password: who.password, callbackUrl: callback, json });
        assert.ok(response.status === 200 || response.status === 302, `${callback}: HTTP ${response.status}`);
        assertStaysOnConsole(await redirectTarget(response), target.url, `${callback} (json: ${json})`);
      }
    }
  });

  it('next-auth’s callback-url cookie, signin and signout endpoints cannot be pointed elsewhere either', async () => {
    const who = E2E_USERS.viewer;
    for (const callback of HOSTILE_CALLBACKS) {
      const csrf = await fetchCsrfPair(target.url);
      const fromCookie = await postCredentials(target.url, csrf, {
        email: who.email,
        password: who.password,
        cookie: `umcc-callback-url=${encodeURIComponent(callback)}`,
      });
      // next-auth refuses some cookie values outright (500, no destination at all): that stays here too.
      const cookieTarget = await redirectTarget(fromCookie);
      if (cookieTarget !== undefined || fromCookie.status !== 500) assertStaysOnConsole(cookieTarget, target.url, `${callback} (cookie)`);

      const signin = await fetch(`${target.url}/api/auth/signin?callbackUrl=${encodeURIComponent(callback)}`, { redirect: 'manual' });
      assertStaysOnConsole(signin.headers.get('location'), target.url, `${callback} (GET /api/auth/signin)`);

      const session = await target.sessionCookie('viewer');
      const signout = await fetch(`${target.url}/api/auth/signout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${session}; ${csrf.cookie}`, origin: target.url },
        body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: callback }),
        redirect: 'manual',
      });
      assertStaysOnConsole(await redirectTarget(signout), target.url, `${callback} (signout)`);
    }
  });

  it('the proxy’s redirect of a signed-out visit goes to this console’s /sign-in, and on from there stays here', async () => {
    for (const start of ['/calls?next=https://evil.example', '//evil.example', '//evil.example/calls', '/\\evil.example', '/%2F%2Fevil.example', '/%5C%5Cevil.example/']) {
      // Next.js may first normalise the path (308), then the proxy sends the visitor to sign in (307).
      let path = start;
      for (let hop = 0; hop < 4 && !path.startsWith('/sign-in'); hop += 1) {
        const response = await fetch(`${target.url}${path}`, { redirect: 'manual' });
        assert.ok([307, 308].includes(response.status), `${start}: ${path} answered ${response.status}`);
        const next = assertStaysOnConsole(response.headers.get('location'), target.url, `${start}: ${path}`);
        path = `${next.pathname}${next.search}`;
      }
      assert.ok(path.startsWith('/sign-in?callbackUrl='), `${start} ends on the sign-in page, not ${path}`);
      await signedInLanding(path);
    }
  });
});
