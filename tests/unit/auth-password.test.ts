import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../lib/auth/password';

const PASSWORD = 'correct horse battery staple';

test('a hashed password verifies, and the stored form names scrypt, its cost and a 16-byte salt', async () => {
  const stored = await hashPassword(PASSWORD);
  assert.match(stored, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  assert.equal(await verifyPassword(PASSWORD, stored), true);
});

test('a wrong password, or one differing only in case or a trailing space, does not verify', async () => {
  const stored = await hashPassword(PASSWORD);
  for (const wrong of ['correct horse battery stapl', 'Correct horse battery staple', `${PASSWORD} `, '']) {
    assert.equal(await verifyPassword(wrong, stored), false, JSON.stringify(wrong));
  }
});

test('the same password hashed twice gets two salts and two different stored strings', async () => {
  const [a, b] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
  assert.notEqual(a, b);
  assert.notEqual(a.split('$')[4], b.split('$')[4]);
});

test('a tampered stored hash never verifies and never throws', async () => {
  const stored = await hashPassword(PASSWORD);
  const parts = stored.split('$');
  const flip = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
  const tampered = [
    [parts[0], parts[1], parts[2], parts[3], parts[4], flip(parts[5] ?? '')].join('$'), // hash changed
    [parts[0], parts[1], parts[2], parts[3], flip(parts[4] ?? ''), parts[5]].join('$'), // salt changed
    [parts[0], '16384', parts[2], parts[3], parts[4], parts[5]].join('$'), // cost lowered
    [parts[0], '12345', parts[2], parts[3], parts[4], parts[5]].join('$'), // N not a power of two
    [parts[0], String(2 ** 24), parts[2], parts[3], parts[4], parts[5]].join('$'), // absurd memory
    ['bcrypt', ...parts.slice(1)].join('$'),
    parts.slice(0, 5).join('$'),
    `${stored}$extra`,
    stored.replace(/\$[^$]+$/, '$not base64!'),
    '',
    'plain text password',
  ];
  for (const candidate of tampered) {
    assert.equal(await verifyPassword(PASSWORD, candidate), false, candidate);
  }
});

test('checking a password against the dummy hash always answers no', async () => {
  assert.equal(await verifyAgainstDummy(PASSWORD), false);
  assert.equal(await verifyAgainstDummy(''), false);
});
