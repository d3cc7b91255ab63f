import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { appendAuditEvent, getAttempt } from '../../lib/audit';
import { loadOrCreateAuditKeyFile } from '../../lib/audit/chain/audit-key';
import { DEMO_CALLS } from '../../lib/calls';
import { readEnvironmentVariable } from '../../lib/config';
import { person } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';
import { SHARED_TEST_SECRETS, sharedSecretsFor } from '../helpers/databases/shared-secrets';
import { openTestDatabase, type TestDatabase } from '../helpers/databases/test-database';

interface Report {
  sameRuntime: boolean;
  mode: string;
  pollIntervalMs: number;
  lastPollAt: number | null;
  calls: Array<{ label: string | null; via: string; state: string | null; ended: boolean }>;
  users: Array<{ email: string; role: string }>;
}

/** Starts the runtime in a fresh process, as the server would, with only the given environment. */
async function startConsoleProcess(env: Record<string, string>): Promise<{ report: Report; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'runtime-child.ts')], {
    env: { PATH: readEnvironmentVariable('PATH') ?? '/usr/bin:/bin', NODE_ENV: 'test', NEXT_RUNTIME: 'nodejs', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(code, 0, output);
  const line = output.split('\n').find((l) => l.startsWith('REPORT '));
  assert.ok(line, output);
  return { report: JSON.parse(line.slice('REPORT '.length)) as Report, output };
}

describeEachDatabase('starting the console runtime (instrumentation → getRuntime)', (kind) => {
  let database: TestDatabase;
  let env: Record<string, string>;
  before(async () => {
    database = await openTestDatabase(kind);
    env = { DATA_DIR: database.dir, DATABASE_URL: database.url, POLL_INTERVAL_MS: '60000', ...sharedSecretsFor(database.url) };
  });
  after(() => database.dispose());

  it('first start with the embedded simulator: one runtime, the admin password printed once, demo calls tracked and polled', async () => {
    const { report, output } = await startConsoleProcess(env);
    assert.equal(report.sameRuntime, true);
    assert.equal(report.mode, 'embedded');
    assert.equal(report.pollIntervalMs, 60_000);
    assert.ok(report.lastPollAt !== null, 'the poller has run');
    assert.match(output, /embedded UM simulator/);
    assert.match(output, /Password: {2}\S{20}/);
    assert.deepEqual(report.users, [{ email: 'admin@localhost', role: 'admin' }]);
    assert.deepEqual(report.calls.map((c) => c.label).sort(), DEMO_CALLS.map((d) => d.label).sort());
    assert.ok(report.calls.every((c) => c.via === 'demo' && c.state !== null));
  });

  it('a restart closes an attempt cut short as unknown, prints no new password, and replaces the demo calls the old simulator took with it', async () => {
    const { db } = database;
    const callId = (await db.selectFrom('calls').select('call_id').limit(1).executeTakeFirstOrThrow()).call_id;
    await appendAuditEvent(db, {
      action: 'disconnect.requested',
      actor: person('operator'),
      targetCallId: callId,
      reason: 'the server died here',
      attemptId: 'cut-short',
    }, Date.now, { key: kind === 'postgres' ? Buffer.from(SHARED_TEST_SECRETS.AUDIT_HMAC_KEY, 'utf8') : loadOrCreateAuditKeyFile(database.dir) });

    const { report, output } = await startConsoleProcess(env);
    assert.match(output, /Closed 1 disconnect attempt/);
    assert.doesNotMatch(output, /Password:/);
    // The embedded simulator forgot the old calls: they are gone, and a fresh set is up.
    assert.equal(report.calls.length, 2 * DEMO_CALLS.length);
    assert.equal(report.calls.filter((c) => c.ended).length, DEMO_CALLS.length);

    const attempt = await getAttempt((await database.open()).db, 'cut-short');
    assert.equal(attempt?.completed?.outcome, 'unknown');
    assert.equal(attempt?.completed?.authMethod, 'system');
    // The old simulator is gone with its process, so the one check found the call unknown.
    assert.deepEqual((attempt?.completed?.details as { check?: unknown }).check, { gone: true, fault: 'InvalidCallIdException' });
  });
});
