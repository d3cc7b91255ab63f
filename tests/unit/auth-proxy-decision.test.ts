import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideProxy, isPublicPath } from '../../lib/auth/proxy-decision';

const signedOut = { hasSession: false, hasBearer: false, search: '' };

test('a signed-out visit to a page is sent to /sign-in with the page and its query as callbackUrl', () => {
  assert.deepEqual(decideProxy({ ...signedOut, pathname: '/calls' }), { kind: 'sign-in', location: '/sign-in?callbackUrl=%2Fcalls' });
  assert.deepEqual(decideProxy({ ...signedOut, pathname: '/audit', search: '?outcome=unknown' }), {
    kind: 'sign-in',
    location: '/sign-in?callbackUrl=%2Faudit%3Foutcome%3Dunknown',
  });
  assert.deepEqual(decideProxy({ ...signedOut, pathname: '/' }), { kind: 'sign-in', location: '/sign-in' });
});

test('a signed-out API call gets 401 instead of a redirect, unless it carries a bearer token for the route to check', () => {
  assert.deepEqual(decideProxy({ ...signedOut, pathname: '/api/board' }), { kind: 'unauthorized' });
  assert.deepEqual(decideProxy({ ...signedOut, pathname: '/api/v1/calls' }), { kind: 'unauthorized' });
  assert.deepEqual(decideProxy({ ...signedOut, pathname: '/api/v1/calls', hasBearer: true }), { kind: 'pass' });
});

test('the sign-in page, next-auth, and Next.js assets are reachable without a session', () => {
  for (const pathname of ['/sign-in', '/api/auth/csrf', '/api/auth/callback/credentials', '/_next/static/chunks/a.js', '/favicon.ico', '/icon.svg']) {
    assert.equal(isPublicPath(pathname), true, pathname);
    assert.deepEqual(decideProxy({ ...signedOut, pathname }), { kind: 'pass' });
  }
  for (const pathname of ['/sign-inx', '/api/authx', '/api', '/calls', '/account/password']) {
    assert.equal(isPublicPath(pathname), false, pathname);
  }
});

test('anyone with a session passes; the page itself checks the role', () => {
  assert.deepEqual(decideProxy({ hasSession: true, hasBearer: false, pathname: '/audit', search: '' }), { kind: 'pass' });
});
