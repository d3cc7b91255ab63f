import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestMetaFromHeaders, sourceIpFromHeaders } from '../../lib/auth/request-meta';
import { requestOrigin } from '../../lib/auth/request-origin';

test('the source address is the last X-Forwarded-For entry: the hop next to the console', () => {
  assert.equal(sourceIpFromHeaders(new Headers({ 'x-forwarded-for': '127.0.0.1' })), '127.0.0.1');
  assert.equal(sourceIpFromHeaders(new Headers({ 'x-forwarded-for': '203.0.113.9, 10.0.0.7' })), '10.0.0.7');
  assert.equal(sourceIpFromHeaders({ 'x-forwarded-for': '::ffff:192.0.2.1' }), '192.0.2.1');
  assert.equal(sourceIpFromHeaders({ 'x-forwarded-for': '2001:db8::1' }), '2001:db8::1');
});

test('a missing or malformed address is recorded as unknown (null), never as the text sent', () => {
  assert.equal(sourceIpFromHeaders(new Headers()), null);
  assert.equal(sourceIpFromHeaders({ 'x-forwarded-for': 'not-an-address' }), null);
  assert.equal(sourceIpFromHeaders({ 'x-forwarded-for': '1.2.3.4, <script>' }), null);
});

test('the user agent is kept, trimmed and capped', () => {
  const meta = requestMetaFromHeaders(new Headers({ 'user-agent': `  Mozilla/5.0 ${'x'.repeat(1000)}` }));
  assert.ok(meta.userAgent?.startsWith('Mozilla/5.0'));
  assert.equal(meta.userAgent?.length, 512);
  assert.equal(requestMetaFromHeaders(new Headers()).userAgent, null);
});

test('the request origin follows Host and X-Forwarded-Proto, so any port works without NEXTAUTH_URL', () => {
  assert.deepEqual(requestOrigin(new Headers({ host: '127.0.0.1:41234', 'x-forwarded-proto': 'http' })), {
    origin: 'http://127.0.0.1:41234',
    secure: false,
  });
  assert.deepEqual(requestOrigin(new Headers({ host: 'internal:3000', 'x-forwarded-host': 'console.example.com', 'x-forwarded-proto': 'https' })), {
    origin: 'https://console.example.com',
    secure: true,
  });
  assert.equal(requestOrigin(new Headers({ host: 'evil.example/path?x' })).origin, undefined);
});
