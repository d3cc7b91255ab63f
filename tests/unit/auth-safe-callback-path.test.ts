import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_LANDING_PATH, safeCallbackPath } from '../../lib/auth/safe-callback-path';

test('a path on this console, with its query, is kept as it is', () => {
  assert.equal(safeCallbackPath('/calls?x=1'), '/calls?x=1');
  assert.equal(safeCallbackPath('/audit?actor=a%40b.example&outcome=confirmed'), '/audit?actor=a%40b.example&outcome=confirmed');
  assert.equal(safeCallbackPath('/calls/abc%2Bdef%3D%3D'), '/calls/abc%2Bdef%3D%3D');
  assert.equal(safeCallbackPath('/'), '/');
});

test('an absolute URL to another site keeps only its path, so the redirect stays on this origin', () => {
  assert.equal(safeCallbackPath('https://evil.example'), '/');
  assert.equal(safeCallbackPath('https://evil.example/calls?x=1'), '/calls?x=1');
  assert.equal(safeCallbackPath('http://127.0.0.1:3000/audit'), '/audit');
  assert.equal(safeCallbackPath('HTTPS://EVIL.EXAMPLE/steal'), '/steal');
});

test('protocol-relative and backslash forms never come out as //host', () => {
  for (const attack of [
    '//evil.example',
    '//evil.example/calls',
    '/\\evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    '\\/evil.example',
    '///evil.example',
    ' //evil.example',
    '/\t/evil.example',
    'https://x.example//evil.example/',
    'https://x.example/\\evil.example',
  ]) {
    const result = safeCallbackPath(attack);
    assert.ok(result.startsWith('/'), `${JSON.stringify(attack)} → ${result}`);
    assert.ok(!/^\/[/\\]/.test(result), `${JSON.stringify(attack)} → ${result} could leave the origin`);
    assert.ok(!result.includes('evil.example') || result.startsWith('/evil.example'), `${JSON.stringify(attack)} → ${result}`);
  }
});

test('encoded slashes and backslashes stay encoded inside one path segment', () => {
  for (const [attack, expected] of [
    ['%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['/%2F/evil.example', '/%2F/evil.example'],
    ['/%5Cevil.example', '/%5Cevil.example'],
    ['/%5C%5Cevil.example', '/%5C%5Cevil.example'],
    ['%2f%2fevil.example', '/%2f%2fevil.example'],
  ] as const) {
    assert.equal(safeCallbackPath(attack), expected, attack);
  }
});

test('script and other non-http schemes give the default landing page', () => {
  for (const attack of [
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'javascript%3Aalert(1)'.replace('%3A', ':'),
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
  ]) {
    assert.equal(safeCallbackPath(attack), DEFAULT_LANDING_PATH, attack);
  }
});

test('a percent-encoded javascript: is just a relative path on this origin, never a script', () => {
  const result = safeCallbackPath('javascript%3Aalert(1)');
  assert.equal(result, '/javascript%3Aalert(1)');
});

test('nothing, non-strings, very long values, the sign-in page and the API give the fallback', () => {
  for (const value of [undefined, null, 42, {}, '', '   ', `/${'a'.repeat(3000)}`, '/sign-in', '/sign-in?callbackUrl=/calls', '/api/auth/session', '/api/v1/calls']) {
    assert.equal(safeCallbackPath(value), DEFAULT_LANDING_PATH, String(value).slice(0, 40));
  }
  assert.equal(safeCallbackPath('javascript:alert(1)', '/'), '/');
});

test('the fragment is dropped: it is never sent to a server and is not needed to land on a page', () => {
  assert.equal(safeCallbackPath('/calls#row-3'), '/calls');
});
