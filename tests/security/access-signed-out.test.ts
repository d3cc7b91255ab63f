// Without a session, nothing of the console is served: every page, route handler and server action
// the build contains (read from its manifests) is refused, however it is asked for, and nothing
// reaches the UM service or the audit log.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { runBounded } from '../../lib/calls/run-bounded';
import { E2E_USERS } from '../e2e/support/auth-users';
import { ACTION_ENCODINGS, postAction } from './support/action-request';
import { sampleArguments } from './support/action-samples';
import { newestAuditSeq } from './support/audit-reader';
import { listBuiltActions, listBuiltPaths, PUBLIC_PATTERNS, type BuiltPath } from './support/build-routes';
import { HEADER_VARIANTS, MIDDLEWARE_SUBREQUEST_FORMS, URL_FORM_HEADERS, urlForms } from './support/bypass-variants';
import { fetchJudged, whyActionNotRefused, whyNotRefused } from './support/refusal';
import { startSecurityTarget, type SecurityTarget } from './support/security-console';
import { trackNewCall } from './support/tracked-call';

const ROUTE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** Requests in flight at once: enough to be quick, few enough for a shared machine. */
const PARALLEL = 6;

describe('signed out: every page, route handler and server action is refused', () => {
  let target: SecurityTarget;
  let auditor: string;
  let operatorToken: string;
  let callId: string;
  /** Things only a signed-in person may see; no refused answer may contain any of them. */
  let markers: string[];
  const built = () => listBuiltPaths().filter((entry) => !PUBLIC_PATTERNS.includes(entry.pattern));

  before(async () => {
    // The poller stays quiet, so every UM request counted comes from a request of the test.
    target = await startSecurityTarget({ env: { POLL_INTERVAL_MS: '3600000', API_RATE_LIMIT_PER_MINUTE: '0' } });
    operatorToken = await target.apiToken('operator');
    const label = `canary-${randomUUID()}`;
    callId = await trackNewCall(target, operatorToken, label);
    auditor = await target.sessionCookie('auditor');
    markers = [label, callId, ...Object.values(E2E_USERS).flatMap((user) => [user.email, user.displayName])];
  });
  after(() => target?.stop());

  /** Runs `attack` and asserts it reached neither the UM service nor the audit log. */
  async function withoutEffect(attack: () => Promise<void>): Promise<void> {
    const umBefore = target.umRequests();
    const seqBefore = await newestAuditSeq(target.url, auditor);
    await attack();
    assert.equal(target.umRequests() - umBefore, 0, 'no request reached the UM service');
    assert.equal(await newestAuditSeq(target.url, auditor), seqBefore, 'nothing was written to the audit log');
  }

  async function check(path: string, init: RequestInit & { headers: Record<string, string> }): Promise<string | undefined> {
    const problem = whyNotRefused(await fetchJudged(`${target.url}${path}`, init), markers);
    return problem && `${init.method ?? 'GET'} ${path} [${JSON.stringify(init.headers)}]: ${problem}`;
  }

  it('finds the pages, route handlers and actions in the build (so a new one is attacked too)', () => {
    const patterns = listBuiltPaths().map((entry) => entry.pattern);
    for (const expected of ['/', '/calls', '/calls/[callId]', '/audit', '/settings/tokens', '/api/v1/calls', '/api/board', '/audit/export']) {
      assert.ok(patterns.includes(expected), `the build lists ${expected}`);
    }
    const names = listBuiltActions().map((action) => action.name);
    for (const expected of ['disconnectCallAction', 'startBatchAction', 'createTokenAction', 'saveStuckRulesAction']) {
      assert.ok(names.includes(expected), `the build lists the action ${expected}`);
    }
  });

  it('refuses every page and route handler, plainly and with every bypass header', async () => {
    const requests = built().flatMap((entry: BuiltPath) => HEADER_VARIANTS.map((variant) => ({ path: entry.path, headers: variant.headers })));
    await withoutEffect(async () => {
      const problems = await runBounded(requests, PARALLEL, (request) => check(request.path, { headers: { ...request.headers } }));
      assert.deepEqual(problems.filter(Boolean), []);
    });
  });

  it('refuses the .rsc, segment-prefetch and _rsc forms and path tricks of every page and route', async () => {
    const requests = built().flatMap((entry) =>
      urlForms(entry.path, entry.kind).flatMap((path) => URL_FORM_HEADERS.map((variant) => ({ path, headers: variant.headers }))),
    );
    await withoutEffect(async () => {
      const problems = await runBounded(requests, PARALLEL, (request) => check(request.path, { headers: { ...request.headers } }));
      assert.deepEqual(problems.filter(Boolean), []);
    });
  });

  it('refuses every method of every route handler, also with a made-up bearer token', async () => {
    const routes = built().filter((entry) => entry.kind === 'route');
    const requests = routes.flatMap((route) =>
      ROUTE_METHODS.flatMap((method) => [
        { path: route.path, method, headers: {} as Record<string, string> },
        { path: route.path, method, headers: { authorization: `Bearer umcc_${randomUUID().replaceAll('-', '')}` } as Record<string, string> },
      ]),
    );
    await withoutEffect(async () => {
      const problems = await runBounded(requests, PARALLEL, (request) => {
        const body = ['POST', 'PUT', 'PATCH'].includes(request.method) ? JSON.stringify({ callId, reason: 'x', callIds: [callId] }) : undefined;
        const headers: Record<string, string> = body ? { ...request.headers, 'content-type': 'application/json' } : { ...request.headers };
        return check(request.path, { method: request.method, headers, ...(body ? { body } : {}) });
      });
      assert.deepEqual(problems.filter(Boolean), []);
    });
  });

  it('refuses every server action in every encoding, at its page, at public and unknown paths, with bypass headers', async () => {
    const bypass: Array<Record<string, string>> = [{}, { 'x-middleware-subrequest': MIDDLEWARE_SUBREQUEST_FORMS.at(-1) ?? '' }, { 'x-middleware-subrequest': 'middleware' }, { rsc: '1' }];
    const posts = listBuiltActions().flatMap((action) =>
      sampleArguments(action.name, { callId }).flatMap((args) =>
        ACTION_ENCODINGS.flatMap((encoding) =>
          [...action.pagePaths, '/sign-in', '/', `/no-such-page-${randomUUID()}`].flatMap((path) =>
            bypass.map((headers) => ({ action, args, encoding, path, headers })),
          ),
        ),
      ),
    );
    await withoutEffect(async () => {
      const problems = await runBounded(posts, PARALLEL, async (post) => {
        const response = await postAction({ baseUrl: target.url, path: post.path, actionId: post.action.id, args: post.args, encoding: post.encoding, headers: post.headers });
        const problem = whyActionNotRefused(response, markers);
        return problem && `${post.action.name} (${post.encoding}, ${post.args.shape}) at ${post.path} [${JSON.stringify(post.headers)}]: ${problem}`;
      });
      assert.deepEqual(problems.filter(Boolean), []);
    });
    // revokeTokenAction returns nothing either way: its effect is what shows it was refused.
    const stillValid = await fetch(`${target.url}/api/v1/calls`, { headers: { authorization: `Bearer ${operatorToken}` } });
    assert.equal(stillValid.status, 200, 'the operator token was not revoked');
  });

  it('serves the public exceptions (sign-in page, next-auth endpoints) without protected data', async () => {
    const problems: string[] = [];
    for (const path of ['/sign-in', '/api/auth/session', '/api/auth/csrf', '/api/auth/providers']) {
      const response = await fetch(`${target.url}${path}`, { redirect: 'manual' });
      const body = await response.text();
      if (response.status !== 200) problems.push(`${path}: HTTP ${response.status}`);
      const leaked = markers.find((marker) => body.includes(marker));
      if (leaked) problems.push(`${path} shows ${leaked}`);
    }
    assert.deepEqual(problems, []);
  });
});
