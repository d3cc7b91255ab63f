import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeSignInError, describeSignInError, encodeSignInError, formatRetryTime } from '../../lib/auth/sign-in-errors';

const RETRY_AT = Date.UTC(2026, 10, 27, 2, 45, 10);

test('a throttled refusal travels to the browser with its retry time and reads as a sentence with the UTC time', () => {
  const wire = encodeSignInError({ code: 'throttled-account', retryAt: RETRY_AT });
  const error = decodeSignInError(wire);
  assert.deepEqual(error, { code: 'throttled-account', retryAt: RETRY_AT });
  assert.equal(describeSignInError(error), 'Too many failed sign-ins for this account. Try again after 02:45 UTC.');
  assert.equal(
    describeSignInError(decodeSignInError(encodeSignInError({ code: 'throttled-address', retryAt: RETRY_AT }))),
    'Too many failed sign-ins from your network address. Try again after 02:45 UTC.',
  );
  assert.equal(formatRetryTime(RETRY_AT), '02:45 UTC');
});

test('a wrong email and a wrong password read the same, whichever way next-auth reports them', () => {
  assert.equal(describeSignInError(decodeSignInError('bad-credentials')), 'Wrong email or password.');
  assert.equal(describeSignInError(decodeSignInError('CredentialsSignin')), 'Wrong email or password.');
});

test('a disabled account and an unavailable service each say so in words', () => {
  assert.match(describeSignInError(decodeSignInError('disabled')), /This account is disabled/);
  assert.match(describeSignInError(decodeSignInError('unavailable')), /not possible right now/);
});

test('an error value the console did not make is never shown as it is', () => {
  for (const value of ['<script>alert(1)</script>', 'Configuration', 'throttled-account.soon', 'AccessDenied']) {
    const text = describeSignInError(decodeSignInError(value));
    assert.ok(!text.includes('script') && !text.includes('soon') && !text.includes('Configuration'), text);
  }
  assert.equal(decodeSignInError('throttled-account.soon')?.retryAt, undefined);
  assert.equal(decodeSignInError(null), undefined);
});
