import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { after, before, it } from 'node:test';
import {
  cancelBatch,
  getBatch,
  interruptAbandonedBatches,
  recoverUnfinishedAttempts,
  resumeBatch,
  startBatch,
  waitForBatches,
  type BatchDeps,
} from '../../lib/calls';
import { eventually, person, startHarness, trackedCall, type Harness } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';

const operator = person('operator', 'olivia');

async function trackMany(h: Harness, count: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push(await trackedCall(h, `+1 425 ${prefix} ${String(100 + i).padStart(4, '0')}`, `call ${i}`));
  return ids;
}

/** CallIds the simulator received any request about since `since`. */
function touchedSince(h: Harness, since: number, operation?: string): Set<string> {
  return new Set(
    h.simulator.requests.filter((r) => r.at >= since && (operation === undefined || r.operation === operation)).flatMap((r) => (r.callId ? [r.callId] : [])),
  );
}

describeEachDatabase('cancelling a bulk disconnect mid-run', (kind) => {
  let h: Harness;
  before(async () => {
    h = await startHarness(kind, { simulator: { latencyMs: 60 } });
  });
  after(() => h.close());

  it('calls not yet sent are never sent (not even checked), calls in flight finish, and the cancel is audited', async () => {
    const callIds = await trackMany(h, 20, '560');
    const deps: BatchDeps = { ...h.deps, maxConcurrency: 2 };
    const startedAt = Date.now();
    const started = await startBatch(deps, operator, { callIds, reason: 'slow run', expectedCount: 20 });
    assert.ok(started.ok);
    await eventually(() => getBatch(h.database.db, started.data.batchId), (b) => (b?.counts.settled ?? 0) >= 2, 20_000);

    const cancelled = await cancelBatch(deps, person('operator', 'oscar'), started.data.batchId);
    assert.ok(cancelled.ok, JSON.stringify(cancelled));
    assert.equal(cancelled.data.status, 'cancelled');
    assert.match(cancelled.data.statusMessage ?? '', /^Cancelled by oscar@contoso\.test: \d+ calls were not sent/);
    await waitForBatches(h.database.db);

    const batch = await getBatch(h.database.db, started.data.batchId);
    assert.ok(batch);
    assert.equal(batch.status, 'cancelled');
    const done = batch.items.filter((i) => i.status === 'done');
    const notSent = batch.items.filter((i) => i.status === 'cancelled');
    assert.equal(done.length + notSent.length, 20, 'every item is either done or cancelled; none is left running');
    assert.ok(notSent.length >= 10, `only ${notSent.length} calls were still unsent at the cancel`);
    assert.ok(done.every((i) => i.outcome === 'confirmed'), 'calls in flight at the cancel finished');

    const touched = touchedSince(h, startedAt);
    assert.deepEqual(notSent.filter((i) => touched.has(i.callId)), [], 'no request about a cancelled call reached the simulator');
    assert.deepEqual(touchedSince(h, startedAt, 'Disconnect'), new Set(done.map((i) => i.callId)));
    const cancelEvents = await h.database.db.selectFrom('audit_events').selectAll().where('batch_id', '=', started.data.batchId).where('action', '=', 'batch.cancel').execute();
    assert.equal(cancelEvents.length, 1);
    assert.equal(cancelEvents[0]?.actor_email, 'oscar@contoso.test');

    const twice = await cancelBatch(deps, operator, started.data.batchId);
    assert.equal(!twice.ok && twice.error.code, 'not-allowed-now');
  });
});

describeEachDatabase('a bulk disconnect whose process dies', (kind) => {
  let h: Harness;
  before(async () => {
    h = await startHarness(kind, { simulator: { latencyMs: 150 } });
  });
  after(() => h.close());

  it('is marked interrupted at the next start; unsent calls stay unsent until an operator resumes it, and no call gets two Disconnects', async () => {
    const callIds = await trackMany(h, 12, '561');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'bulk-crash-child.ts'), h.database.url, h.simulator.url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit');
    try {
      await eventually(() => h.simulator.requestCount('Disconnect'), (n) => n >= 2, 30_000);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`the child never sent its Disconnects; it said: ${output}`, { cause: error });
    }
    child.kill('SIGKILL');
    await exited;
    const sentByChild = h.simulator.requestCount('Disconnect');

    const batchId = (await h.database.db.selectFrom('batches').select('batch_id').executeTakeFirstOrThrow()).batch_id;
    assert.equal((await getBatch(h.database.db, batchId))?.status, 'running', 'the dead process left it running');

    // What the runtime does at start, in this order.
    await recoverUnfinishedAttempts(h.deps);
    const interrupted = await interruptAbandonedBatches(h.deps);
    assert.equal(interrupted.length, 1);
    const batch = await getBatch(h.database.db, batchId);
    assert.ok(batch);
    assert.equal(batch.status, 'interrupted');
    assert.match(batch.statusMessage ?? '', /calls were not sent and will not be sent unless an operator resumes/);
    assert.equal(batch.counts.byStatus.running, 0, 'no item is left claimed by the dead process');
    assert.ok(batch.counts.byStatus.pending > 0);
    assert.equal(interrupted[0]?.notSent, batch.counts.byStatus.pending);
    assert.equal(h.simulator.requestCount('Disconnect'), sentByChild, 'nothing was sent by the recovery');
    assert.deepEqual(await interruptAbandonedBatches(h.deps), [], 'a second start finds nothing to interrupt');

    const resumed = await resumeBatch({ ...h.deps, maxConcurrency: 4 }, operator, batchId);
    assert.ok(resumed.ok);
    const finished = await eventually(() => getBatch(h.database.db, batchId), (b) => b?.status === 'finished', 30_000);
    assert.equal(finished?.counts.settled, 12);
    const disconnects = h.simulator.requests.filter((r) => r.operation === 'Disconnect').map((r) => r.callId);
    assert.equal(new Set(disconnects).size, disconnects.length, 'no call got a second Disconnect');
    assert.ok(disconnects.every((id) => callIds.includes(id ?? '')));
  });
});
