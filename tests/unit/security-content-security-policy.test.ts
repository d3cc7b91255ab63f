import assert from 'node:assert/strict';
import { test } from 'node:test';
import { API_POLICY, createNonce, pagePolicy } from '../../lib/security/content-security-policy';
import { isApiPath, securityFor } from '../../lib/security/response-headers';

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name ?? '', sources]));
}

test('a nonce is 128 random bits in the base64 form Next.js reads, and never repeats', () => {
  const nonces = new Set(Array.from({ length: 1000 }, createNonce));
  assert.equal(nonces.size, 1000);
  for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
});

test('production pages: scripts by nonce and strict-dynamic only, styles from the console only, no framing', () => {
  const policy = directives(pagePolicy({ nonce: 'abc', development: false, https: false }));
  assert.deepEqual(policy.get('script-src'), ["'nonce-abc'", "'strict-dynamic'"]);
  assert.deepEqual(policy.get('style-src'), ["'self'"]);
  assert.deepEqual(policy.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(policy.get('object-src'), ["'none'"]);
  assert.deepEqual(policy.get('base-uri'), ["'none'"]);
  assert.deepEqual(policy.get('form-action'), ["'self'"]);
  assert.equal(policy.has('upgrade-insecure-requests'), false);
});

test('next dev gets eval and inline styles for its overlay; https gets upgrade-insecure-requests', () => {
  const dev = directives(pagePolicy({ nonce: 'abc', development: true, https: true }));
  assert.ok(dev.get('script-src')?.includes("'unsafe-eval'"));
  assert.ok(dev.get('style-src')?.includes("'unsafe-inline'"));
  assert.equal(dev.has('upgrade-insecure-requests'), true);
});

test('API answers get the fixed lock-everything policy, pages a fresh nonce each time', () => {
  assert.equal(isApiPath('/api/v1/calls'), true);
  assert.equal(isApiPath('/api'), true);
  assert.equal(isApiPath('/apix'), false);
  assert.equal(securityFor('/api/v1/calls', { development: false, https: false }).policy, API_POLICY);
  const first = securityFor('/calls', { development: false, https: true });
  const second = securityFor('/calls', { development: false, https: true });
  assert.equal(first.forRendering, true);
  assert.notEqual(first.policy, second.policy);
});
