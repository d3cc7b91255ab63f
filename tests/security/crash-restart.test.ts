// A console killed (SIGKILL) while a Disconnect waits for the UM service's answer, then started
// again on the same data folder: the attempt is closed as 'unknown' by the console itself after one
// GetCallInfo, no second Disconnect is ever sent, and the audit chain still verifies.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { getAttempt } from '../../lib/audit';
import { openDatabase, type OpenDatabase } from '../../lib/db/open-database';
import { createUmClient } from '../../lib/um';
import { consoleDatabaseUrl } from '../helpers/databases/console-database';
import { rowCounterFor } from '../helpers/databases/count-rows-now';
import { createApiToken, runAdminCli } from '../e2e/support/admin-cli';
import { E2E_USERS } from '../e2e/support/auth-users';
import { startSecurityTarget, UM_TEST_PASSWORD, UM_TEST_USERNAME, type SecurityTarget } from './support/security-console';

const AUDIT_KEY = 'crash-restart-audit-hmac-key-0123456789abcdef';
/** What the console, the token commands and verify-audit all run with (on the data folder's database). */
const KEY_ENV = { AUDIT_HMAC_KEY: AUDIT_KEY };
const ENTRY_ID = 'AAAAAGsd2rbQLVtLobUGbrq/9IUHAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAACxVpEl+KVVLl957wp//x6UAGAetcDUAAA==';

async function waitFor<T>(what: string, read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) assert.fail(`${what}: not reached within ${timeoutMs} ms (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Resolves true when nothing accepts connections on the URL's port any more. */
function portRefuses(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** Status checks arriving at the simulator after the crash, sorted by whether the attempt was still open then. */
interface Watch {
  readonly attemptId: string;
  readonly counter: ReturnType<typeof rowCounterFor>;
  whileOpen: number;
  afterClosed: number;
}

describe('a console killed between disconnect.requested and the UM service’s answer', () => {
  let target: SecurityTarget;
  let watch: Watch | undefined;
  let reading: OpenDatabase | undefined;

  // Runs as each request reaches the simulator, before it is answered: the console is waiting on it.
  function onRequest(line: string): void {
    if (!watch || !/ GetCallInfo /.test(line)) return;
    const completions = watch.counter.count('audit_events', { action: 'disconnect.completed', attempt_id: watch.attemptId });
    if (completions === 0) watch.whileOpen += 1;
    else watch.afterClosed += 1;
  }

  before(async () => {
    target = await startSecurityTarget({
      // UM_TIMEOUT_MS: the Disconnect must still be waiting when the SIGKILL comes.
      env: { ...KEY_ENV, UM_TIMEOUT_MS: '120000', POLL_INTERVAL_MS: '3600000' },
      simulator: { log: onRequest },
    });
  });
  after(async () => {
    watch?.counter.close();
    await reading?.close();
    await target?.stop();
  });

  it('the restarted console closes it as unknown after exactly one status check, sends no second Disconnect, and the chain verifies', async () => {
    const token = await createApiToken(target.dataDir, E2E_USERS.operator.email, 'crash-test', KEY_ENV);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const um = createUmClient({ url: target.simulator.url, username: UM_TEST_USERNAME, password: UM_TEST_PASSWORD });
    const callId = await um.playOnPhone(ENTRY_ID, '+1 425 555 0777').finally(() => um.close());
    await waitFor('the call is answered', () => target.simulator.getCall(callId)?.state, (state) => state === 'Connected');

    const tracked = await fetch(`${target.url}/api/v1/calls`, { method: 'POST', headers, body: JSON.stringify({ callId, label: 'crash victim' }) });
    assert.equal(tracked.status, 201);
    // The service takes the Disconnect and never answers: the console waits between the two audit events.
    target.simulator.injectFailure({ kind: 'timeout', operations: ['Disconnect'] });
    const disconnect = fetch(`${target.url}/api/v1/calls/${encodeURIComponent(callId)}/disconnect`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ reason: 'Stuck line; the console is about to die' }),
    }).then(
      (response) => ({ answered: response.status }),
      (error: unknown) => ({ cutOff: String(error) }),
    );
    await waitFor('the Disconnect reaches the UM service', () => target.simulator.requestCount('Disconnect'), (n) => n === 1);

    const oldServer = target.console;
    const killed = await oldServer.crash();
    assert.equal(killed[0], oldServer.pid);
    assert.equal(await portRefuses(oldServer.url), true, 'nothing serves the old port any more: the SIGKILL hit the server itself');
    assert.ok('cutOff' in (await disconnect), 'the API call never got an answer');
    target.simulator.clearFailures();

    const url = await consoleDatabaseUrl(target.dataDir);
    reading = await openDatabase(url);
    const { db } = reading;
    const leftOpen = await db.selectFrom('audit_events').select(['action', 'attempt_id']).where('target_call_id', '=', callId).orderBy('seq').execute();
    assert.deepEqual(leftOpen.map((row) => row.action), ['call.track', 'disconnect.requested'], 'the crash left the request without its completion');
    const attemptId = leftOpen[1]?.attempt_id ?? '';
    watch = { attemptId, counter: rowCounterFor({ url, schema: new URL(url).searchParams.get('schema') }), whileOpen: 0, afterClosed: 0 };

    await target.restartConsole();
    const attempt = await waitFor('recovery closes the attempt', () => getAttempt(db, attemptId), (a) => a?.status === 'completed');
    assert.equal(attempt?.completed?.outcome, 'unknown');
    assert.equal(attempt?.completed?.authMethod, 'system', 'closed by the console itself');
    assert.equal(attempt?.completed?.actorId, null);
    const details = attempt?.completed?.details as { recovered?: boolean; check?: unknown } | null;
    assert.equal(details?.recovered, true);
    assert.deepEqual(details?.check, { state: 'Connected', cause: 'None' }, 'the status check’s answer is on record');
    assert.equal(watch.whileOpen, 1, 'exactly one GetCallInfo while recovering the attempt');
    assert.equal(target.simulator.requestCount('Disconnect'), 1, 'no Disconnect was sent again, before or after the restart');
    assert.equal(target.simulator.getCall(callId)?.disconnectRequests, 0, 'the one Disconnect was swallowed; the call is still up');
    assert.match(target.console.output(), /Closed 1 disconnect attempt\(s\) cut short by the last shutdown/);
    const lock = await db.selectFrom('calls').select('disconnect_attempt_id').where('call_id', '=', callId).executeTakeFirst();
    assert.equal(lock?.disconnect_attempt_id, null, 'the dead attempt’s lock is cleared');

    // An operator sees only their own entries; the system's completion is for an auditor to read.
    const auditorToken = await createApiToken(target.dataDir, E2E_USERS.auditor.email, 'crash-audit', KEY_ENV);
    const audit = await fetch(`${target.url}/api/v1/audit?tab=events&callId=${encodeURIComponent(callId)}`, {
      headers: { authorization: `Bearer ${auditorToken}` },
    });
    assert.equal(audit.status, 200);
    const items = ((await audit.json()) as { items: Array<{ action: string; outcome: string | null; authMethod: string; attemptId: string | null }> }).items;
    assert.ok(
      items.some((item) => item.action === 'disconnect.completed' && item.outcome === 'unknown' && item.authMethod === 'system' && item.attemptId === attemptId),
      'the restarted console serves the recovered completion',
    );

    const verified = await runAdminCli(['verify-audit'], { ...KEY_ENV, DATA_DIR: target.dataDir });
    assert.equal(verified.code, 0, `verify-audit: ${verified.stdout}${verified.stderr}`);
    assert.match(verified.stdout, /Audit log OK: .*1 completed, 0 without a completion/);
  });
});
