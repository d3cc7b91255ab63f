import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { listAuditEvents } from '../../lib/audit';
import { checkCall, getBatch, listCalls, previewBatch, resumeBatch, saveStuckRules, startBatch, waitForBatches, type BatchDeps } from '../../lib/calls';
import { eventually, person, startHarness, trackedCall, type Harness } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';

const operator = person('operator', 'olivia');
const other = person('operator', 'oscar');

async function trackMany(h: Harness, count: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push(await trackedCall(h, `+1 425 ${prefix} ${String(100 + i).padStart(4, '0')}`, `bulk ${prefix} ${i}`));
  return ids;
}

async function batchEvents(h: Harness, batchId: string) {
  const rows = await h.database.db.selectFrom('audit_events').selectAll().where('batch_id', '=', batchId).orderBy('seq', 'asc').execute();
  return rows;
}

describeEachDatabase('a bulk disconnect of 50 calls', (kind) => {
  let h: Harness;
  let deps: BatchDeps;
  before(async () => {
    h = await startHarness(kind, { simulator: { latencyMs: 5 } });
    deps = { ...h.deps, maxConcurrency: 4 };
  });
  after(() => h.close());

  it('runs every call through the workflow with one shared batch id, never more than the bound at once, and stores every outcome', async () => {
    const callIds = await trackMany(h, 50, '555');
    const disconnectsBefore = h.simulator.requestCount('Disconnect');
    const started = await startBatch(deps, operator, { callIds, reason: 'end of the fire drill', expectedCount: 50 });
    assert.ok(started.ok, JSON.stringify(started));
    assert.equal(started.data.total, 50);
    assert.equal(started.data.status, 'running');

    // The run is server-side: startBatch has returned, and the batch goes on by itself.
    const batch = await eventually(() => getBatch(h.database.db, started.data.batchId), (b) => b?.status === 'finished', 30_000);
    assert.ok(batch);
    // The status changes first, then batch.finish is appended: the runner is done once both are.
    await waitForBatches(h.database.db);
    assert.equal(batch.counts.settled, 50);
    assert.equal(batch.counts.byOutcome.confirmed, 50);
    assert.deepEqual(new Set(batch.items.map((item) => item.callId)), new Set(callIds));
    assert.ok(batch.items.every((item) => item.status === 'done' && item.attemptId && item.auditSeq && item.message && item.finishedAt));
    assert.equal(batch.finishedAt !== null, true);

    assert.equal(h.simulator.requestCount('Disconnect') - disconnectsBefore, 50, 'one Disconnect per call');
    assert.ok(h.simulator.peakConcurrency <= 4, `peak concurrency ${h.simulator.peakConcurrency} is above the bound of 4`);

    const events = await batchEvents(h, started.data.batchId);
    const requested = events.filter((e) => e.action === 'disconnect.requested');
    const completed = events.filter((e) => e.action === 'disconnect.completed');
    assert.equal(requested.length, 50);
    assert.equal(completed.length, 50);
    assert.equal(new Set(requested.map((e) => e.target_call_id)).size, 50, 'each call has its own audit pair');
    assert.deepEqual(new Set(completed.map((e) => e.attempt_id)), new Set(requested.map((e) => e.attempt_id)));
    assert.ok(requested.every((e) => e.actor_email === operator.email && e.reason === 'end of the fire drill'));
    assert.equal(events[0]?.action, 'batch.start');
    assert.equal(events.at(-1)?.action, 'batch.finish');
  });

  it('more than 10 calls need the typed count: missing or wrong, nothing is stored and nothing is sent', async () => {
    const callIds = await trackMany(h, 11, '556');
    const before = h.simulator.requestCount('Disconnect');
    const batchesBefore = await h.database.db.selectFrom('batches').select('batch_id').execute();
    const wrong = await startBatch(deps, operator, { callIds, reason: 'too many', expectedCount: 10 });
    assert.equal(!wrong.ok && wrong.error.code, 'confirmation-mismatch');
    assert.match((!wrong.ok && wrong.error.fieldErrors?.expectedCount) || '', /You typed 10, but 11 calls would be disconnected/);
    const missing = await startBatch(deps, operator, { callIds, reason: 'too many' });
    assert.equal(!missing.ok && missing.error.code, 'confirmation-mismatch');
    assert.equal(h.simulator.requestCount('Disconnect'), before);
    assert.equal((await h.database.db.selectFrom('batches').select('batch_id').execute()).length, batchesBefore.length);
    const few = await startBatch(deps, operator, { callIds: callIds.slice(0, 10), reason: 'ten need no typing' });
    assert.ok(few.ok);
    await waitForBatches(h.database.db);
  });

  it('a viewer cannot start a batch: refused, audited, nothing sent; untracked or ended calls are refused by name', async () => {
    const [callId] = await trackMany(h, 1, '557');
    const before = h.simulator.requestCount('Disconnect');
    const refused = await startBatch(deps, person('viewer', 'vera'), { callIds: [callId as string], reason: 'not mine to end' });
    assert.equal(!refused.ok && refused.error.code, 'forbidden');
    const denied = await listAuditEvents(h.database.db, { action: 'batch.start', outcome: 'denied' }, { limit: 5 });
    assert.equal(denied.items[0]?.actorEmail, 'vera@contoso.test');

    const unknown = Buffer.from('11111111-2222-4333-8444-555555555555@um-sim-01.contoso.test').toString('base64');
    const untracked = await startBatch(deps, operator, { callIds: [callId as string, unknown], reason: 'one is unknown' });
    assert.equal(!untracked.ok && untracked.error.code, 'invalid-input');
    assert.match((!untracked.ok && untracked.error.fieldErrors?.callIds) || '', /1 is not tracked/);
    const noReason = await startBatch(deps, operator, { callIds: [callId as string], reason: '  ' });
    assert.ok(!noReason.ok && noReason.error.fieldErrors?.reason);
    assert.equal(h.simulator.requestCount('Disconnect'), before);
  });
});

describeEachDatabase('choosing the calls of a batch by the board filter', (kind) => {
  let h: Harness;
  before(async () => {
    h = await startHarness(kind);
  });
  after(() => h.close());

  it('"stuck only" selects exactly the stuck calls, the preview lists them, and the batch disconnects only those', async () => {
    const callIds = await trackMany(h, 8, '562');
    assert.ok((await saveStuckRules(h.deps, person('admin', 'ada'), { connectingSeconds: 60, connectedMinutes: 30, afterDisconnectSeconds: 30, failedChecks: 1 })).ok);
    const stuck = callIds.slice(2, 5);
    h.simulator.injectFailure({ kind: 'http503', operations: ['GetCallInfo'], count: stuck.length });
    for (const callId of stuck) await checkCall(h.deps, callId, 'poll');
    assert.deepEqual(new Set((await listCalls(h.database.db, 'active', { stuckOnly: true })).map((c) => c.callId)), new Set(stuck));

    const preview = await previewBatch(h.database.db, { filter: { stuckOnly: true } });
    assert.ok(preview.ok);
    assert.deepEqual(new Set(preview.data.calls.map((c) => c.callId)), new Set(stuck));
    assert.equal(preview.data.needsConfirmation, false);

    const started = await startBatch({ ...h.deps, maxConcurrency: 4 }, operator, { filter: { stuckOnly: true }, reason: 'stuck ones', expectedCount: 3 });
    assert.ok(started.ok, JSON.stringify(started));
    await waitForBatches(h.database.db);
    const batch = await getBatch(h.database.db, started.data.batchId);
    assert.deepEqual(new Set(batch?.items.map((i) => i.callId)), new Set(stuck));
    assert.equal(batch?.counts.byOutcome.confirmed, 3);
    const ended = await listCalls(h.database.db, 'ended');
    assert.deepEqual(new Set(ended.map((c) => c.callId)), new Set(stuck), 'the other calls are still up');
  });
});

describeEachDatabase('stopping a bulk disconnect', (kind) => {
  let h: Harness;
  before(async () => {
    h = await startHarness(kind);
  });
  after(() => h.close());

  it('pauses itself after 5 failures in a row and says why; resumed by another operator, it sends the rest', async () => {
    const callIds = await trackMany(h, 12, '558');
    const deps: BatchDeps = { ...h.deps, maxConcurrency: 1 };
    h.simulator.injectFailure({ kind: 'http503', operations: ['Disconnect'], count: 5 });
    const started = await startBatch(deps, operator, { callIds, reason: 'service trouble', expectedCount: 12 });
    assert.ok(started.ok);
    const paused = await eventually(() => getBatch(h.database.db, started.data.batchId), (b) => b?.status === 'paused', 15_000);
    await waitForBatches(h.database.db);
    const batch = await getBatch(h.database.db, started.data.batchId);
    assert.ok(batch && paused);
    assert.match(batch.statusMessage ?? '', /^Paused after 5 failures in a row: the UM service is unavailable \(HTTP 503 for Disconnect\)/);
    assert.equal(batch.counts.byOutcome.failed, 5);
    assert.equal(batch.counts.byStatus.pending, 7, 'nothing more was sent after the fifth failure');
    assert.equal(h.simulator.requestCount('Disconnect'), 5);
    assert.ok(batch.items.filter((i) => i.outcome === 'failed').every((i) => i.faultCode === 'HTTP 503'));

    const resumed = await resumeBatch(deps, other, started.data.batchId);
    assert.ok(resumed.ok, JSON.stringify(resumed));
    const finished = await eventually(() => getBatch(h.database.db, started.data.batchId), (b) => b?.status === 'finished', 15_000);
    assert.equal(finished?.counts.byOutcome.confirmed, 7);
    assert.equal(finished?.counts.byOutcome.failed, 5);
    assert.equal(h.simulator.requestCount('Disconnect'), 12, 'the failed calls were not sent again');

    const events = await batchEvents(h, started.data.batchId);
    const actions = events.map((e) => e.action);
    assert.ok(actions.includes('batch.pause') && actions.includes('batch.resume'));
    const resumedAttempts = events.filter((e) => e.action === 'disconnect.requested' && e.seq > (events.find((x) => x.action === 'batch.resume')?.seq ?? 0));
    assert.equal(resumedAttempts.length, 7);
    assert.ok(resumedAttempts.every((e) => e.actor_email === other.email), 'the calls after the resume are sent by whoever resumed');
  });

  it('a finished batch cannot be resumed', async () => {
    const [callId] = await trackMany(h, 1, '559');
    const deps: BatchDeps = { ...h.deps, maxConcurrency: 2 };
    const started = await startBatch(deps, operator, { callIds: [callId as string], reason: 'one call' });
    assert.ok(started.ok);
    await waitForBatches(h.database.db);
    const again = await resumeBatch(deps, operator, started.data.batchId);
    assert.equal(!again.ok && again.error.code, 'not-allowed-now');
  });
});
