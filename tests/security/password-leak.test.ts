// The UM service password never reaches a browser: not in any file of the client build, not in any
// page (HTML or RSC payload), API answer or action result, for any role or signed out — also while
// the UM service is failing, when error messages are shown.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../../lib/auth/roles';
import { runBounded } from '../../lib/calls/run-bounded';
import { postAction } from './support/action-request';
import { SAMPLE_ENTRY_ID } from './support/action-samples';
import { listBuiltActions, listBuiltPaths } from './support/build-routes';
import { startSecurityTarget, UM_TEST_PASSWORD, UM_TEST_USERNAME, type SecurityTarget } from './support/security-console';
import { trackNewCall } from './support/tracked-call';

/** The password as it could appear: plain, URL-encoded, base64, and the Basic credentials of the SOAP requests. */
const SECRET_FORMS: readonly string[] = [
  UM_TEST_PASSWORD,
  encodeURIComponent(UM_TEST_PASSWORD),
  JSON.stringify(UM_TEST_PASSWORD).slice(1, -1),
  Buffer.from(UM_TEST_PASSWORD).toString('base64'),
  Buffer.from(`${UM_TEST_USERNAME}:${UM_TEST_PASSWORD}`).toString('base64'),
];
/** Server-only settings whose names must not even occur in code sent to browsers. */
const SECRET_SETTINGS = ['UM_PASSWORD', 'AUTH_SECRET', 'NEXTAUTH_SECRET', 'AUDIT_HMAC_KEY', 'AUDIT_SIGNING_KEY'];

const ROLES: ReadonlyArray<Role | 'signed-out'> = ['signed-out', 'viewer', 'operator', 'auditor', 'admin'];

function findSecret(text: string): string | undefined {
  return SECRET_FORMS.find((secret) => text.includes(secret));
}

describe('the UM password never reaches the browser', () => {
  let target: SecurityTarget;
  const cookies = new Map<Role | 'signed-out', string>();
  /** Real values for the dynamic segments, so pages show real data (and their error paths). */
  const values: Record<string, string> = {};

  before(async () => {
    target = await startSecurityTarget({ env: { POLL_INTERVAL_MS: '3600000', API_RATE_LIMIT_PER_MINUTE: '0' } });
    for (const role of ROLES) cookies.set(role, role === 'signed-out' ? '' : await target.sessionCookie(role));
    const token = await target.apiToken('operator');
    const api = (route: string, body: unknown) =>
      fetch(`${target.url}${route}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    values.callId = await trackNewCall(target, token, 'Leak check');
    const disconnected = (await (await api(`/api/v1/calls/${encodeURIComponent(values.callId)}/disconnect`, { reason: 'Leak check' })).json()) as { auditId: number; attemptId: string };
    values.seq = String(disconnected.auditId);
    values.attemptId = disconnected.attemptId;
    const second = await trackNewCall(target, token, 'Leak check bulk');
    values.batchId = ((await (await api('/api/v1/calls/disconnect', { callIds: [second], reason: 'Leak check' })).json()) as { batchId: string }).batchId;
  });
  after(() => target?.stop());

  const concrete = (pattern: string) =>
    pattern.replace(/\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}/g, (_, name: string) => encodeURIComponent(values[name] ?? (name === 'nextauth' ? 'session' : 'sample')));

  /**
   * Every page (HTML and RSC payload) and route handler, as each role: the answers that held a
   * secret, and whether any showed the UM connection's details (the user name), so the scan
   * is known to have covered the pages that describe the UM service.
   */
  async function fetchEverything(): Promise<{ leaks: string[]; sawUmDetails: boolean }> {
    const requests = ROLES.flatMap((role) =>
      listBuiltPaths().flatMap((entry) => {
        const url = concrete(entry.pattern);
        const views: Array<Record<string, string>> = entry.kind === 'page' ? [{}, { rsc: '1' }] : [{}];
        return views.map((view) => ({ role, url, view: view.rsc ? 'RSC' : 'plain', headers: { ...view, cookie: cookies.get(role) ?? '' } }));
      }),
    );
    let sawUmDetails = false;
    const found = await runBounded(requests, 6, async (request) => {
      // Redirects are followed (an RSC request is sent on to the URL with its cache key): the scan reads what a browser ends up with.
      const response = await fetch(`${target.url}${request.url}`, { headers: request.headers });
      const text = `${JSON.stringify([...response.headers])}\n${await response.text()}`;
      if (text.includes('svc-um-console')) sawUmDetails = true;
      return findSecret(text) === undefined ? undefined : `${request.role} GET ${request.url} (${request.view})`;
    });
    return { leaks: found.filter((entry): entry is string => entry !== undefined), sawUmDetails };
  }

  it('no file of the client build holds the password or names a server-only secret setting', async () => {
    const dir = path.join(process.cwd(), '.next', 'static');
    const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    assert.ok(files.length > 0, 'the build has client files');
    const problems: string[] = [];
    for (const file of files) {
      const text = (await readFile(path.join(file.parentPath, file.name))).toString('latin1');
      const hit = findSecret(text) ?? SECRET_SETTINGS.find((name) => text.includes(name));
      if (hit !== undefined) problems.push(`${path.relative(dir, path.join(file.parentPath, file.name))} holds ${hit.slice(0, 12)}…`);
    }
    assert.deepEqual(problems, []);
  });

  it('no page, RSC payload or route answer shows it, for any role or signed out', async () => {
    const { leaks, sawUmDetails } = await fetchEverything();
    assert.deepEqual(leaks, []);
    assert.ok(sawUmDetails, 'some page showed the UM connection (its user name), and it was scanned');
  });

  it('nor while the UM service fails, nor in the answers of actions that reach it', async () => {
    const admin = cookies.get('admin') ?? '';
    const place = listBuiltActions().find((action) => action.name === 'placeTestCallAction');
    assert.ok(place, 'the build has the place-test-call action');
    const problems: string[] = [];
    for (const kind of ['http503', 'malformed', 'wrong-content-type', 'empty'] as const) {
      target.simulator.injectFailure({ kind });
      const placed = await postAction({
        baseUrl: target.url,
        path: '/calls',
        actionId: place.id,
        args: { shape: 'state-and-form', fields: { entryId: SAMPLE_ENTRY_ID, dialString: '+1 425 555 0100', label: 'Leak check' } },
        encoding: 'multipart',
        headers: { cookie: admin },
      });
      if (findSecret(placed.body) !== undefined) problems.push(`place test call answer with ${kind}`);
      problems.push(...(await fetchEverything()).leaks.map((hit) => `${hit} with ${kind}`));
      target.simulator.clearFailures();
    }
    assert.deepEqual(problems, []);
  });
});
