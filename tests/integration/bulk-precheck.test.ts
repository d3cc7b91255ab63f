// BULK_PRECHECK_MAX_AGE_MS: a bulk run sends a call it saw up moments ago straight to its Disconnect,
// and says so in the audit log; older sightings, a max age of 0 and single disconnects keep the fresh
// pre-check GetCallInfo. Counted at the simulator, over loopback, on both databases.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, it } from 'node:test';
import { handleDisconnectCall } from '../../lib/api/handlers/disconnect-call';
import { handleBulkDisconnect } from '../../lib/api/handlers/start-batch';
import { batchStartedResponseSchema } from '../../lib/api/batch-schemas';
import { appendAuditEvent } from '../../lib/audit';
import { carryOutDisconnect } from '../../lib/calls/carry-out-disconnect';
import { checkCall, getBatch, getCallRow, getCallTimeline, startBatch, waitForBatches, type BatchDeps } from '../../lib/calls';
import type { SimulatorRequestRecord } from '../../lib/um/simulator';
import { apiRequest, callPath, startApiHarness, type ApiHarness } from './api-harness';
import { eventually, person, trackedCall } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';

const operator = person('operator', 'olivia');

/** What the simulator received for these calls since `from` (an index into its request log). */
function requestsFor(h: ApiHarness, callIds: readonly string[], from: number): SimulatorRequestRecord[] {
  const wanted = new Set(callIds);
  return h.simulator.requests.slice(from).filter((request) => request.callId !== undefined && wanted.has(request.callId));
}

async function completions(h: ApiHarness, batchId: string) {
  const rows = await h.database.db
    .selectFrom('audit_events')
    .select(['target_call_id', 'outcome', 'details'])
    .where('batch_id', '=', batchId)
    .where('action', '=', 'disconnect.completed')
    .execute();
  return rows.map((row) => ({ callId: row.target_call_id, outcome: row.outcome, details: JSON.parse(row.details ?? '{}') as Record<string, unknown> }));
}

describeEachDatabase('the pre-check of a bulk disconnect', (kind) => {
  let h: ApiHarness;
  let serial = 0;
  // Verification off: then the Disconnect is the only request a call needs once it skips the pre-check.
  const bulkDeps = (precheckMaxAgeMs: number): BatchDeps => ({ ...h.deps, verifyTimeoutMs: 0, maxConcurrency: 4, precheckMaxAgeMs });
  const track = async (count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) ids.push(await trackedCall(h, `+1 425 557 ${String((serial += 1)).padStart(4, '0')}`, `precheck ${serial}`));
    return ids;
  };
  before(async () => {
    h = await startApiHarness(kind, { simulator: { latencyMs: 2 }, clientTimeoutMs: 2_500 });
  });
  after(async () => {
    await waitForBatches(h.database.db);
    await h.close();
  });

  it('calls seen up within the max age get exactly one UM request each, the Disconnect, and the audit names the sighting', async () => {
    const callIds = await track(6);
    const trackedUntil = Date.now();
    const from = h.simulator.requests.length;
    const started = await startBatch(bulkDeps(60_000), operator, { callIds, reason: 'recently seen' });
    assert.ok(started.ok, JSON.stringify(started));
    await waitForBatches(h.database.db);

    const sent = requestsFor(h, callIds, from);
    assert.deepEqual(sent.map((r) => r.operation), callIds.map(() => 'Disconnect'), 'one request per call, and it is the Disconnect');
    assert.deepEqual(new Set(sent.map((r) => r.callId)), new Set(callIds));
    const batch = await getBatch(h.database.db, started.data.batchId);
    assert.equal(batch?.counts.byOutcome.accepted, 6);

    for (const completion of await completions(h, started.data.batchId)) {
      const precheck = completion.details.precheck as Record<string, unknown>;
      assert.equal(precheck.source, 'track', 'the sighting came from tracking the call');
      assert.match(String(precheck.state), /^(Connecting|Connected)$/);
      assert.equal(precheck.maxAgeMs, 60_000);
      assert.equal(typeof precheck.ageMs, 'number');
      assert.ok((precheck.ageMs as number) >= 0 && (precheck.ageMs as number) < 60_000);
      const observedAt = Date.parse(String(precheck.observedAt));
      assert.ok(observedAt <= trackedUntil && observedAt > trackedUntil - 60_000, `observedAt ${String(precheck.observedAt)}`);
      assert.equal(completion.details.verification, 'off');
    }

    // The call's timeline says it in words.
    const timeline = await getCallTimeline(h.database.db, callIds[0] as string);
    const result = timeline?.items.find((item) => item.kind === 'audit' && item.event.action === 'disconnect.completed');
    assert.match(result?.text ?? '', /^Disconnect result: Accepted, still up — no fresh check: (Connecting|Connected), seen when the call was tracked \d+ (ms|s) before$/);
  });

  it('with verification on, a recently seen call is still verified after its Disconnect', async () => {
    const [callId] = await track(1);
    const from = h.simulator.requests.length;
    const started = await startBatch({ ...bulkDeps(60_000), verifyTimeoutMs: 3_000 }, operator, { callIds: [callId as string], reason: 'verified' });
    assert.ok(started.ok);
    await waitForBatches(h.database.db);
    const operations = requestsFor(h, [callId as string], from).map((r) => r.operation);
    assert.equal(operations[0], 'Disconnect', 'no pre-check GetCallInfo before it');
    assert.ok(operations.slice(1).length >= 1 && operations.slice(1).every((op) => op === 'GetCallInfo'), `verification follows: ${operations.join(', ')}`);
    const [completion] = await completions(h, started.data.batchId);
    assert.equal(completion?.outcome, 'confirmed');
    assert.equal((completion?.details.precheck as Record<string, unknown>).source, 'track');
    assert.equal((completion?.details.verification as Record<string, unknown>).kind, 'ended');
  });

  it('calls seen longer ago than the max age get the fresh pre-check, as before', async () => {
    const callIds = await track(3);
    await delay(400);
    const from = h.simulator.requests.length;
    const started = await startBatch(bulkDeps(300), operator, { callIds, reason: 'seen too long ago' });
    assert.ok(started.ok);
    await waitForBatches(h.database.db);
    for (const callId of callIds) {
      assert.deepEqual(requestsFor(h, [callId], from).map((r) => r.operation), ['GetCallInfo', 'Disconnect']);
    }
    for (const completion of await completions(h, started.data.batchId)) {
      assert.deepEqual(Object.keys(completion.details.precheck as object).sort(), ['cause', 'state'], 'the fresh check, without a source');
    }
  });

  it('BULK_PRECHECK_MAX_AGE_MS=0 gives every call a fresh pre-check, however recently it was seen', async () => {
    const callIds = await track(3);
    const from = h.simulator.requests.length;
    const started = await startBatch(bulkDeps(0), operator, { callIds, reason: 'always check' });
    assert.ok(started.ok);
    await waitForBatches(h.database.db);
    for (const callId of callIds) {
      assert.deepEqual(requestsFor(h, [callId], from).map((r) => r.operation), ['GetCallInfo', 'Disconnect']);
    }
    assert.ok((await completions(h, started.data.batchId)).every((c) => (c.details.precheck as Record<string, unknown>).source === undefined));
  });

  it('a call the poller saw end after the run started is reported already-ended, and nothing is sent for it', async () => {
    const [slow, ended] = await track(2);
    const deps: BatchDeps = { ...bulkDeps(60_000), maxConcurrency: 1 };
    // The first call's Disconnect hangs until the client gives up: the second waits its turn meanwhile.
    h.simulator.injectFailure({ kind: 'timeout', operations: ['Disconnect'], count: 1 });
    const disconnects = h.simulator.requestCount('Disconnect');
    const started = await startBatch(deps, operator, { callIds: [slow as string, ended as string], reason: 'one ends by itself' });
    assert.ok(started.ok);
    await eventually(() => h.simulator.requestCount('Disconnect'), (count) => count === disconnects + 1);
    // Meanwhile the second call ends without the console, and the poller sees it.
    await h.client.disconnect(ended as string);
    await eventually(() => checkCall(h.deps, ended as string, 'poll'), (r) => r.kind === 'info' && r.info.state === 'Disconnected');
    const from = h.simulator.requests.length;
    await waitForBatches(h.database.db);
    assert.deepEqual(requestsFor(h, [ended as string], from), [], 'nothing more was sent for the call that ended');
    const byCall = new Map((await completions(h, started.data.batchId)).map((c) => [c.callId, c]));
    assert.equal(byCall.get(ended as string)?.outcome, 'already-ended');
    assert.equal(byCall.get(ended as string)?.details.precheck, 'row-ended');
    assert.equal(byCall.get(slow as string)?.outcome, 'unknown');
  });

  it('a sighting of Disconnected that arrives between reading the call and locking it gives already-ended, naming the sighting', async () => {
    // The race the bulk workflow reads the call's row again for, after its lock: the row read
    // before still says the call is up, the poller has since seen it end.
    const [callId] = await track(1);
    const before = await getCallRow(h.database.db, callId as string);
    assert.equal(before?.ended, false);
    await h.client.disconnect(callId as string);
    await eventually(() => checkCall(h.deps, callId as string, 'poll'), (r) => r.kind === 'info' && r.info.state === 'Disconnected');
    const attemptId = randomUUID();
    const requested = await appendAuditEvent(h.database.db, { action: 'disconnect.requested', actor: operator, targetCallId: callId as string, reason: 'race', attemptId });
    const from = h.simulator.requests.length;
    const carried = await carryOutDisconnect(bulkDeps(60_000), {
      attemptId,
      requestedSeq: requested.seq,
      actor: operator,
      call: before as NonNullable<typeof before>,
      reason: 'race',
      batchId: null,
      bulk: { precheckMaxAgeMs: 60_000, claim: async () => true, finish: async () => undefined },
    });
    assert.equal(carried.result.outcome, 'already-ended');
    assert.equal(carried.result.message, 'The call had already ended, so no hang-up was sent.');
    assert.deepEqual(requestsFor(h, [callId as string], from), [], 'nothing was sent');
    const completed = await h.database.db.selectFrom('audit_events').select('details').where('attempt_id', '=', attemptId).where('action', '=', 'disconnect.completed').executeTakeFirstOrThrow();
    const precheck = (JSON.parse(completed.details ?? '{}') as { precheck: Record<string, unknown> }).precheck;
    assert.equal(precheck.source, 'poll');
    assert.equal(precheck.state, 'Disconnected');
    assert.equal(precheck.maxAgeMs, 60_000);
  });

  it('a single disconnect always has the fresh pre-check, through the API too, while bulk runs through the API skip it', async () => {
    const [single, inBulk] = await track(2);
    const ctx = { ...h.ctx, calls: { ...h.ctx.calls, verifyTimeoutMs: 0 }, bulkPrecheckMaxAgeMs: 60_000 };
    let from = h.simulator.requests.length;
    const response = await handleDisconnectCall(
      apiRequest('POST', `${callPath(single as string)}/disconnect`, { token: h.tokens.operator, json: { reason: 'just this one' } }),
      ctx,
    );
    assert.equal(response.status, 200, await response.clone().text());
    assert.deepEqual(requestsFor(h, [single as string], from).map((r) => r.operation), ['GetCallInfo', 'Disconnect']);

    from = h.simulator.requests.length;
    const bulk = await handleBulkDisconnect(apiRequest('POST', '/calls/disconnect', { token: h.tokens.operator, json: { callIds: [inBulk], reason: 'bulk' } }), ctx);
    assert.equal(bulk.status, 202, await bulk.clone().text());
    const { batchId } = batchStartedResponseSchema.parse(await bulk.json());
    await waitForBatches(h.database.db);
    assert.deepEqual(requestsFor(h, [inBulk as string], from).map((r) => r.operation), ['Disconnect']);
    const [completion] = await completions(h, batchId);
    assert.equal((completion?.details.precheck as Record<string, unknown>).source, 'track');
  });
});
