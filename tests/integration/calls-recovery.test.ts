import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { getAttempt } from '../../lib/audit';
import { disconnectCall, getCallRow, recoverUnfinishedAttempts, trackCall } from '../../lib/calls';
import { eventually, person, startHarness, type Harness } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';

const operator = person('operator', 'olivia');

describeEachDatabase('recovery of disconnects cut short by a crash', (kind) => {
  let h: Harness;
  before(async () => {
    h = await startHarness(kind, { verifyTimeoutMs: 1_000 });
  });
  after(() => h.close());

  it('a process killed between disconnect.requested and disconnect.completed is closed as unknown after one GetCallInfo, and no Disconnect is sent', async () => {
    const callId = await h.place('+1 425 555 0401');
    assert.ok((await trackCall(h.deps, operator, { callId, label: 'crash victim' }, 'browser')).ok);
    await eventually(() => h.client.getCallInfo(callId), (info) => info.state === 'Connected');
    // The Disconnect never gets an answer, so the child is certainly between the two audit events when it dies.
    h.simulator.injectFailure({ kind: 'timeout', operations: ['Disconnect'] });

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'calls-crash-child.ts'), h.database.url, h.simulator.url, callId],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit');
    try {
      await eventually(() => h.simulator.requestCount('Disconnect'), (n) => n === 1, 20_000);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`the child never sent its Disconnect; it said: ${output}`, { cause: error });
    }
    child.kill('SIGKILL');
    const [, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    assert.equal(signal, 'SIGKILL');
    h.simulator.clearFailures();

    const open = await h.database.db.selectFrom('audit_events').selectAll().where('target_call_id', '=', callId).execute();
    assert.deepEqual(open.map((e) => e.action), ['call.track', 'disconnect.requested'], 'the crash left the request without completion');
    assert.ok((await getCallRow(h.database.db, callId))?.disconnectInProgress, 'the dead attempt still holds the lock');

    const getCallInfoBefore = h.simulator.requestCount('GetCallInfo');
    const recovered = await recoverUnfinishedAttempts(h.deps);
    assert.equal(recovered.length, 1);
    assert.equal(h.simulator.requestCount('GetCallInfo') - getCallInfoBefore, 1, 'exactly one status check');
    assert.equal(h.simulator.requestCount('Disconnect'), 1, 'recovery never sends a Disconnect');

    const attemptId = recovered[0]?.attemptId ?? '';
    const attempt = await getAttempt(h.database.db, attemptId);
    assert.equal(attempt?.status, 'completed');
    assert.equal(attempt?.completed?.outcome, 'unknown');
    assert.equal(attempt?.completed?.authMethod, 'system');
    assert.equal(attempt?.completed?.actorId, null);
    assert.deepEqual((attempt?.completed?.details as { check?: unknown } | null)?.check, { state: 'Connected', cause: 'None' });
    assert.equal((await getCallRow(h.database.db, callId))?.disconnectInProgress, false, 'the stale lock is cleared');

    assert.deepEqual(await recoverUnfinishedAttempts(h.deps), [], 'a second pass finds nothing left to close');
    const retry = await disconnectCall(h.deps, operator, { callId, reason: 'after the restart' });
    assert.equal(retry.ok && retry.data.outcome, 'confirmed');
  });

  it('a check that fails during recovery is recorded in the completion instead of stopping it', async () => {
    const callId = await h.place('+1 425 555 0402');
    assert.ok((await trackCall(h.deps, operator, { callId }, 'browser')).ok);
    const { appendAuditEvent } = await import('../../lib/audit');
    await appendAuditEvent(h.database.db, {
      action: 'disconnect.requested',
      actor: operator,
      targetCallId: callId,
      reason: 'left open',
      attemptId: 'attempt-left-open',
    });
    h.simulator.injectFailure({ kind: 'http503', operations: ['GetCallInfo'], count: 1 });
    const recovered = await recoverUnfinishedAttempts(h.deps);
    assert.equal(recovered.length, 1);
    const attempt = await getAttempt(h.database.db, 'attempt-left-open');
    assert.equal(attempt?.completed?.outcome, 'unknown');
    const check = (attempt?.completed?.details as { check?: { error?: string; message?: string } } | null)?.check;
    assert.equal(check?.error, 'http');
    assert.match(check?.message ?? '', /503/);
  });
});
