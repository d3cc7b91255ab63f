// Every step that reads and then writes, raced against itself: as two requests, or two console
// processes, would do at the same moment. SQLite runs one writing transaction at a time; PostgreSQL
// (READ COMMITTED, a pool of connections) overlaps them, so each step must lock what it read.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { appendAuditEvent, listAuditEvents } from '../../lib/audit';
import { createAuditCheckpoint } from '../../lib/audit/chain/create-checkpoint';
import { verifyAuditLog } from '../../lib/audit/chain/verify-log';
import { pruneAuditLog } from '../../lib/audit/retention/prune-audit-log';
import { applyCheckResult, cancelBatch, recoverUnfinishedAttempts, saveStuckRules, startBatch, waitForBatches, type BatchDeps } from '../../lib/calls';
import { describeEachDatabase } from '../helpers/databases/each-database';
import { integrityFor } from './audit-chain-harness';
import { eventually, person, startHarness, trackedCall, type Harness } from './calls-harness';

const operator = person('operator', 'olivia');
const oscar = person('operator', 'oscar');
const DAY = 86_400_000;

describeEachDatabase('read-then-write steps racing themselves', (kind) => {
  let h: Harness;
  let deps: BatchDeps;
  before(async () => {
    h = await startHarness(kind);
    deps = { ...h.deps, maxConcurrency: 1 };
  });
  after(async () => {
    h.simulator.setLatency(0);
    await waitForBatches(h.database.db);
    await h.close();
  });

  const eventsOf = async (action: Parameters<typeof listAuditEvents>[1]['action'], extra: { batchId?: string } = {}) =>
    [...(await listAuditEvents(h.database.db, { action, ...extra }, { limit: 50 })).items].reverse();

  it('two bulk disconnects sharing a call, started at the same moment: one runs, the other is refused and stores nothing', async () => {
    const [shared, mine, theirs] = [await trackedCall(h, '+1 425 555 7001'), await trackedCall(h, '+1 425 555 7002'), await trackedCall(h, '+1 425 555 7003')];
    h.simulator.setLatency(300);
    const batchesBefore = (await h.database.db.selectFrom('batches').select('batch_id').execute()).length;
    const results = await Promise.all([
      startBatch(deps, operator, { callIds: [shared, mine], reason: 'first' }),
      startBatch(deps, oscar, { callIds: [shared, theirs], reason: 'second' }),
    ]);
    assert.deepEqual(results.map((r) => (r.ok ? 'started' : r.error.code)).sort(), ['in-progress', 'started']);
    assert.equal((await h.database.db.selectFrom('batches').select('batch_id').execute()).length, batchesBefore + 1);
    await waitForBatches(h.database.db);
    h.simulator.setLatency(0);
    assert.equal(h.simulator.getCall(shared)?.disconnectRequests, 1, 'the shared call was sent one Disconnect');
  });

  it('a bulk disconnect cancelled twice at the same moment is cancelled once: one batch.cancel, one refusal', async () => {
    const callIds = [await trackedCall(h, '+1 425 555 7011'), await trackedCall(h, '+1 425 555 7012'), await trackedCall(h, '+1 425 555 7013')];
    h.simulator.setLatency(300);
    const started = await startBatch(deps, operator, { callIds, reason: 'to be cancelled' });
    assert.ok(started.ok, JSON.stringify(started));
    const results = await Promise.all([cancelBatch(deps, operator, started.data.batchId), cancelBatch(deps, oscar, started.data.batchId)]);
    assert.deepEqual(results.map((r) => (r.ok ? r.data.status : r.error.code)).sort(), ['cancelled', 'not-allowed-now']);
    await waitForBatches(h.database.db);
    h.simulator.setLatency(0);
    assert.equal((await eventsOf('batch.cancel', { batchId: started.data.batchId })).length, 1);
  });

  it('one state change seen by two checks at once becomes one observation on the timeline', async () => {
    const callId = await trackedCall(h, '+1 425 555 7021');
    await h.client.disconnect(callId);
    const info = await eventually(() => h.client.getCallInfo(callId), (found) => found.state === 'Disconnected');
    const at = Date.now();
    await Promise.all([1, 2, 3].map(() => applyCheckResult(h.database.db, callId, { kind: 'info', at, info }, 'poll')));
    const seen = await h.database.db.selectFrom('call_observations').select('id').where('call_id', '=', callId).where('state', '=', 'Disconnected').execute();
    assert.equal(seen.length, 1);
  });

  it('two administrators saving the stuck-call rules at once: the later change records the earlier one as its old value', async () => {
    const rules = (connectedMinutes: number) => ({ connectingSeconds: 60, connectedMinutes, afterDisconnectSeconds: 30, failedChecks: 5 });
    const saved = await Promise.all([saveStuckRules(h.deps, person('admin', 'ada'), rules(41)), saveStuckRules(h.deps, person('admin', 'abe'), rules(42))]);
    assert.ok(saved.every((result) => result.ok && result.data.changed));
    const [first, second] = await eventsOf('settings.stuck_rules');
    assert.deepEqual(second?.details?.old, first?.details?.new, 'no change is lost from the record');
  });

  it('two processes starting at once close an attempt cut short once, not twice', async () => {
    const callId = await trackedCall(h, '+1 425 555 7031');
    await appendAuditEvent(h.database.db, { action: 'disconnect.requested', actor: operator, targetCallId: callId, reason: 'cut short', attemptId: 'raced-recovery' });
    const recovered = await Promise.all([recoverUnfinishedAttempts(h.deps), recoverUnfinishedAttempts(h.deps)]);
    assert.equal(recovered.flat().filter((attempt) => attempt.attemptId === 'raced-recovery').length, 1);
    const completions = await h.database.db.selectFrom('audit_events').select('seq').where('attempt_id', '=', 'raced-recovery').where('action', '=', 'disconnect.completed').execute();
    assert.equal(completions.length, 1);
  });
});

describeEachDatabase('two retention prunes at once (two console processes on one database)', (kind) => {
  let h: Harness;
  before(async () => {
    h = await startHarness(kind);
  });
  after(() => h.close());

  it('one removes the old segment, the other finds nothing left to remove, and the log still verifies', async () => {
    const keys = integrityFor(h.database.dir);
    const now = Date.now();
    for (let i = 0; i < 6; i += 1) await appendAuditEvent(h.database.db, { action: 'call.track', actor: operator }, () => now - 40 * DAY + i, { key: keys.hmacKey });
    await createAuditCheckpoint(h.database.db, { ...keys, clock: () => now - 40 * DAY + 10, reason: 'periodic' });
    await appendAuditEvent(h.database.db, { action: 'call.track', actor: operator }, () => now, { key: keys.hmacKey });
    const results = await Promise.all([pruneAuditLog(h.database.db, { ...keys, days: 30 }), pruneAuditLog(h.database.db, { ...keys, days: 30 })]);
    const outcomes = results.map((result) => (result.ok ? (result.data.pruned ? `pruned ${result.data.removed}` : result.data.why) : result.error.code));
    assert.deepEqual(outcomes.sort(), ['nothing-prunable', 'pruned 6']);
    const verified = await verifyAuditLog(h.database.db, keys);
    assert.ok(verified.ok, JSON.stringify(verified));
    assert.equal((await listAuditEvents(h.database.db, { action: 'audit.pruned' }, { limit: 5 })).items.length, 1);
  });
});
