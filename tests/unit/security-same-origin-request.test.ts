import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSameOriginRequest } from '../../lib/security/same-origin-request';

const HOST = 'console.contoso.test';

function check(method: string, headers: Readonly<Record<string, string>>, https = false) {
  return checkSameOriginRequest(method, new Headers({ host: HOST, ...headers }), https);
}

test('reading methods are never refused, whoever asks', () => {
  for (const method of ['GET', 'HEAD', 'OPTIONS', 'get']) {
    assert.equal(check(method, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }).ok, true, method);
  }
});

test('a POST from the console’s own page passes, with or without Sec-Fetch-Site', () => {
  assert.equal(check('POST', { origin: `http://${HOST}` }).ok, true);
  assert.equal(check('POST', { origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin' }).ok, true);
  assert.equal(check('DELETE', { origin: `https://${HOST}` }, true).ok, true);
});

test('another site, a null origin, and cross-site or same-site fetches are refused, with a sentence', () => {
  const hostile: ReadonlyArray<Readonly<Record<string, string>>> = [
    { origin: 'https://evil.example' },
    { origin: 'null' },
    { origin: 'file://' },
    { origin: 'not a url' },
    { origin: `http://${HOST}.evil.example` },
    { origin: `http://${HOST}:8080` },
    { 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'same-site' },
    { origin: `http://${HOST}`, 'sec-fetch-site': 'cross-site' },
  ];
  for (const headers of hostile) {
    const result = check('POST', headers);
    assert.equal(result.ok, false, JSON.stringify(headers));
    assert.ok(!result.ok && /^This request came from another website/.test(result.error.message));
  }
});

test('over https the page must have been https too; default ports compare equal to none', () => {
  assert.equal(check('POST', { origin: `http://${HOST}` }, true).ok, false);
  assert.equal(check('POST', { origin: `https://${HOST}`, host: `${HOST}:443` }, true).ok, true);
  assert.equal(check('POST', { origin: `http://${HOST}`, host: `${HOST}:80` }).ok, true);
});

test('the host a reverse proxy forwarded counts, as Next.js counts it for server actions', () => {
  const headers = { host: '127.0.0.1:3000', 'x-forwarded-host': HOST };
  assert.equal(check('POST', { ...headers, origin: `https://${HOST}` }, true).ok, true);
  assert.equal(check('POST', { ...headers, origin: 'https://127.0.0.1:3000' }, true).ok, false);
});

test('a request with neither Origin nor Sec-Fetch-Site is not a browser’s (a script, curl) and passes', () => {
  assert.equal(check('POST', {}).ok, true);
  assert.equal(check('POST', { 'sec-fetch-site': 'none' }).ok, true);
});
