// Signed in, but with a role too low: a viewer's or auditor's session replaying the operator's
// server actions, an operator replaying the administrator's, and viewer/auditor API tokens on the
// operator's API calls are all refused, each refusal is in the audit log as denied, and nothing
// reaches the UM service.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../../lib/auth/roles';
import { E2E_USERS } from '../e2e/support/auth-users';
import { postAction, type ActionEncoding } from './support/action-request';
import { sampleArguments } from './support/action-samples';
import { newestAuditSeq, readAuditEvents } from './support/audit-reader';
import { listBuiltActions } from './support/build-routes';
import { isAuthError, readActionResult } from './support/refusal';
import { ACTION_EXPECTATIONS, OPERATOR_ROUTES, rolesBelow } from './support/role-expectations';
import { startSecurityTarget, type SecurityTarget } from './support/security-console';
import { trackNewCall } from './support/tracked-call';

describe('wrong role: refused, audited as denied, nothing sent', () => {
  let target: SecurityTarget;
  let callId: string;
  const cookies = new Map<Role, string>();
  const tokens = new Map<Role, string>();

  before(async () => {
    target = await startSecurityTarget({ env: { POLL_INTERVAL_MS: '3600000', API_RATE_LIMIT_PER_MINUTE: '0' } });
    for (const role of ['viewer', 'auditor', 'operator'] as const) {
      cookies.set(role, await target.sessionCookie(role));
      tokens.set(role, await target.apiToken(role));
    }
    callId = await trackNewCall(target, tokens.get('operator') ?? '', 'Wrong-role target');
  });
  after(() => target?.stop());

  const auditor = () => cookies.get('auditor') ?? '';

  /** Denied events of `role`'s user for `action` since `sinceSeq`. */
  async function deniedSince(role: Role, action: string, sinceSeq: number) {
    const events = await readAuditEvents(target.url, auditor(), { actor: E2E_USERS[role].email, action, outcome: 'denied' });
    return events.filter((event) => event.seq > sinceSeq);
  }

  it('knows what every server action of the build needs (a new action must be added to role-expectations.ts)', () => {
    const unknown = listBuiltActions().filter((action) => !(action.name in ACTION_EXPECTATIONS));
    assert.deepEqual(unknown.map((action) => action.name), []);
  });

  it('refuses and audits every operator or administrator action replayed by a session below it', async () => {
    const umBefore = target.umRequests();
    const problems: string[] = [];
    for (const action of listBuiltActions()) {
      const expected = ACTION_EXPECTATIONS[action.name];
      if (!expected) continue;
      const argumentSets = sampleArguments(action.name, { callId, batchId: randomUUID(), tokenId: randomUUID() });
      for (const role of rolesBelow(expected.needs)) {
        for (const [index, args] of argumentSets.entries()) {
          // What a browser sends: React's multipart reply for forms, its JSON text for plain values (and multipart too).
          const encodings: ActionEncoding[] = args.shape === 'values' ? ['json', 'multipart'] : ['multipart'];
          for (const encoding of encodings) {
            const deniedAs = expected.deniedAs[index] ?? '';
            const seq = await newestAuditSeq(target.url, auditor());
            const path = action.pagePaths[0] ?? '/';
            const response = await postAction({ baseUrl: target.url, path, actionId: action.id, args, encoding, headers: { cookie: cookies.get(role) ?? '' } });
            const what = `${role} → ${action.name} (${encoding})`;
            const result = readActionResult(response.body);
            // revokeTokenAction is a plain form action: it returns nothing, refused or not.
            const refused = result.kind === 'value' && (isAuthError(result.value, 'forbidden') || (action.name === 'revokeTokenAction' && result.value === undefined));
            if (!refused) problems.push(`${what}: not an auth error: HTTP ${response.status} ${response.body.slice(0, 200)}`);
            const denied = await deniedSince(role, deniedAs, seq);
            if (denied.length !== 1) problems.push(`${what}: ${denied.length} ${deniedAs} denied events instead of 1`);
          }
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.equal(target.umRequests() - umBefore, 0, 'no request reached the UM service');
  });

  it('lists every POST of the API among the operator calls checked here', async () => {
    const response = await fetch(`${target.url}/api/v1/openapi.json`, { headers: { authorization: `Bearer ${tokens.get('viewer')}` } });
    assert.equal(response.status, 200);
    const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
    const writes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    assert.deepEqual(writes.sort(), OPERATOR_ROUTES.map((route) => route.operation).sort());
  });

  it('refuses viewer and auditor tokens and sessions on every operator API call with 403, audited as denied', async () => {
    const umBefore = target.umRequests();
    const problems: string[] = [];
    for (const route of OPERATOR_ROUTES) {
      for (const role of ['viewer', 'auditor'] as const) {
        const credentials: Array<{ how: string; headers: Record<string, string> }> = [
          { how: 'token', headers: { authorization: `Bearer ${tokens.get(role)}` } },
          { how: 'session', headers: { cookie: cookies.get(role) ?? '', origin: target.url } },
        ];
        for (const { how, headers } of credentials) {
          const seq = await newestAuditSeq(target.url, auditor());
          const body = route.body?.({ callId });
          const response = await fetch(`${target.url}${route.path({ callId, batchId: randomUUID() })}`, {
            method: 'POST',
            headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          const what = `${role} ${how} → ${route.operation}`;
          if (response.status !== 403) problems.push(`${what}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
          const denied = await deniedSince(role, route.deniedAs, seq);
          if (denied.length !== 1) problems.push(`${what}: ${denied.length} ${route.deniedAs} denied events instead of 1`);
          else if (how === 'token' && !denied[0]?.authMethod.startsWith('token:')) problems.push(`${what}: audited as ${denied[0]?.authMethod}`);
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.equal(target.umRequests() - umBefore, 0, 'no request reached the UM service');
  });

  it('left the tracked call alone and recorded no success for anyone below operator', async () => {
    assert.equal(target.simulator.getCall(callId)?.disconnectRequests, 0, 'no Disconnect was ever sent for the call');
    for (const role of ['viewer', 'auditor'] as const) {
      const events = await readAuditEvents(target.url, auditor(), { actor: E2E_USERS[role].email });
      const done = events.filter((event) => event.action !== 'auth.sign_in' && event.outcome !== 'denied');
      assert.deepEqual(done.map((event) => `${event.action}:${event.outcome}`), [], `${role} did nothing but sign in and be refused`);
    }
  });
});
