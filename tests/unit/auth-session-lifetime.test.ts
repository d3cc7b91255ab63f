import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decode } from 'next-auth/jwt';
import type { JWT } from 'next-auth/jwt';
import type { Session } from 'next-auth';
import { createAuthOptions } from '../../lib/auth/auth-options';
import { isSessionExpired, remainingSessionSeconds, sessionEndsAt, SESSION_LIFETIME_MS } from '../../lib/auth/session-lifetime';

const HOUR = 60 * 60 * 1000;
const SIGNED_IN_AT = Date.UTC(2026, 10, 27, 9, 0, 0);
const SECRET = 'unit-test-secret-unit-test-secret-0123456789';

function optionsAt(clock: () => number) {
  return createAuthOptions({
    secret: SECRET,
    getDb: () => Promise.reject(new Error('no database in this test')),
    origin: 'http://127.0.0.1:4000',
    clock,
  });
}

test('a session lasts exactly 8 hours from signing in', () => {
  assert.equal(SESSION_LIFETIME_MS, 8 * HOUR);
  assert.equal(sessionEndsAt(SIGNED_IN_AT), SIGNED_IN_AT + 8 * HOUR);
  assert.equal(isSessionExpired(SIGNED_IN_AT, SIGNED_IN_AT), false);
  assert.equal(isSessionExpired(SIGNED_IN_AT, SIGNED_IN_AT + 8 * HOUR - 1), false);
  assert.equal(isSessionExpired(SIGNED_IN_AT, SIGNED_IN_AT + 8 * HOUR), true);
  assert.equal(isSessionExpired(SIGNED_IN_AT, SIGNED_IN_AT + 30 * 24 * HOUR), true);
});

test('a token without a believable sign-in time counts as expired', () => {
  for (const signedInAt of [undefined, null, '2026-11-27', Number.NaN, Infinity]) {
    assert.equal(isSessionExpired(signedInAt, SIGNED_IN_AT), true, String(signedInAt));
  }
  assert.equal(isSessionExpired(SIGNED_IN_AT + HOUR, SIGNED_IN_AT), true, 'signed in an hour in the future');
});

test('what is left of a session shrinks with time and never goes below zero', () => {
  assert.equal(remainingSessionSeconds(SIGNED_IN_AT, SIGNED_IN_AT), 8 * 3600);
  assert.equal(remainingSessionSeconds(SIGNED_IN_AT, SIGNED_IN_AT + 7.5 * HOUR), 1800);
  assert.equal(remainingSessionSeconds(SIGNED_IN_AT, SIGNED_IN_AT + 9 * HOUR), 0);
});

test('signing in stamps the token with the sign-in time; refreshes keep it; at 8 hours the session is refused', async () => {
  let now = SIGNED_IN_AT;
  const { callbacks } = optionsAt(() => now);
  const jwt = callbacks?.jwt;
  assert.ok(jwt);
  const user = { id: 'user-1', email: 'ops@example.com', name: 'Ops' };
  const signedIn = await jwt({ token: { email: user.email, name: user.name }, user, account: null, trigger: 'signIn' });
  assert.equal(signedIn.signedInAt, SIGNED_IN_AT);
  assert.equal(signedIn.sub, 'user-1');

  let token: JWT = signedIn;
  // Refreshed every hour, as a busy page would: the start time never moves.
  for (let hour = 1; hour < 8; hour += 1) {
    now = SIGNED_IN_AT + hour * HOUR;
    token = await jwt({ token, user: undefined as never, account: null });
    assert.equal(token.signedInAt, SIGNED_IN_AT);
  }
  now = SIGNED_IN_AT + 8 * HOUR;
  await assert.rejects(async () => jwt({ token, user: undefined as never, account: null }), { name: 'SessionExpiredError' });
});

test('a token issued late in a session expires at the end of the 8 hours, not 8 hours after issue', async () => {
  const now = SIGNED_IN_AT + 7 * HOUR;
  const { jwt } = optionsAt(() => now);
  assert.ok(jwt?.encode);
  const encoded = await jwt.encode({ token: { sub: 'user-1', signedInAt: SIGNED_IN_AT }, secret: SECRET, maxAge: 8 * 3600 });
  const decoded = await decode({ token: encoded, secret: SECRET });
  assert.ok(decoded);
  const { iat, exp } = decoded as { iat: number; exp: number };
  // jose stamps iat with the real time; exp = real now + what was left at the injected now (1 h).
  // (The two stamps are taken a moment apart, so a second boundary may fall between them.)
  assert.ok(Math.abs(exp - iat - 3600) <= 1, `exp - iat = ${exp - iat}`);
});

test('the session handed to pages carries the user id and the sign-in time', async () => {
  const { callbacks } = optionsAt(() => SIGNED_IN_AT);
  const session = (await callbacks?.session?.({
    session: { user: { name: 'Ops', email: 'ops@example.com' }, expires: '' },
    token: { sub: 'user-1', signedInAt: SIGNED_IN_AT },
    user: undefined as never,
    newSession: undefined,
    trigger: 'update',
  })) as Session | undefined;
  assert.equal(session?.userId, 'user-1');
  assert.equal(session?.signedInAt, SIGNED_IN_AT);
});

test('redirects after sign-in and sign-out stay on the origin the request came to', async () => {
  const { callbacks } = optionsAt(() => SIGNED_IN_AT);
  const redirect = callbacks?.redirect;
  assert.ok(redirect);
  const baseUrl = 'http://localhost:3000';
  assert.equal(await redirect({ url: '/calls?x=1', baseUrl }), 'http://127.0.0.1:4000/calls?x=1');
  assert.equal(await redirect({ url: 'https://evil.example/x', baseUrl }), 'http://127.0.0.1:4000/x');
  assert.equal(await redirect({ url: '//evil.example', baseUrl }), 'http://127.0.0.1:4000/');
  assert.equal(await redirect({ url: 'javascript:alert(1)', baseUrl }), 'http://127.0.0.1:4000/calls');
});
