import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { getAttempt } from '../../lib/audit';
import { disconnectCall, getCallRow, trackCall, type DisconnectDeps } from '../../lib/calls';
import { createUmClient } from '../../lib/um';
import { startUmSimulator } from '../../lib/um/simulator';
import { eventually, person, startHarness, trackedCall, UNKNOWN_CALL_ID, type Harness } from './calls-harness';
import { rowCounterFor } from '../helpers/databases/count-rows-now';
import { describeEachDatabase } from '../helpers/databases/each-database';

const operator = person('operator', 'olivia');
const admin = person('admin', 'ada');

async function auditRows(h: Harness, attemptId: string) {
  const attempt = await getAttempt(h.database.db, attemptId);
  assert.ok(attempt, 'the attempt is in the audit log');
  return attempt;
}

describeEachDatabase('the disconnect workflow against the simulator', (kind) => {
  let h: Harness;
  before(async () => {
    h = await startHarness(kind, { verifyTimeoutMs: 700 });
  });
  after(() => h.close());

  it('a normal call is confirmed: one Disconnect, the end verified, both audit events linked with latencies', async () => {
    const callId = await trackedCall(h, '+1 425 555 0101');
    const result = await disconnectCall(h.deps, operator, { callId, reason: 'Caller hung up on their side\nline stayed open' });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.data.outcome, 'confirmed');
    assert.match(result.data.message, /disconnected/);
    assert.ok(result.data.endLatencyMs !== null && result.data.endLatencyMs >= 50, `end latency ${result.data.endLatencyMs}`);
    assert.ok(result.data.umLatencyMs !== null && result.data.umLatencyMs >= 0);
    assert.equal(h.simulator.getCall(callId)?.disconnectRequests, 1);

    const attempt = await auditRows(h, result.data.attemptId);
    assert.equal(attempt.requested.seq, result.data.auditSeq);
    assert.equal(attempt.requested.reason, 'Caller hung up on their side\nline stayed open');
    assert.equal(attempt.requested.actorEmail, 'olivia@contoso.test');
    assert.equal(attempt.completed?.outcome, 'confirmed');
    assert.equal(attempt.completed?.endLatencyMs, result.data.endLatencyMs);
    assert.ok((attempt.completed?.seq ?? 0) > attempt.requested.seq);

    const row = await getCallRow(h.database.db, callId);
    assert.equal(row?.ended, true);
    assert.equal(row?.endReason, 'disconnected');
    assert.equal(row?.disconnectInProgress, false, 'the lock is released');
    const observations = await h.database.db.selectFrom('call_observations').select(['state', 'source']).where('call_id', '=', callId).execute();
    assert.deepEqual(observations.at(-1), { state: 'Disconnected', source: 'verify' });
  });

  it('a stuck call (…9999) is accepted: the service took the hang-up but the call still showed up at the deadline, and it was sent once', async () => {
    const callId = await trackedCall(h, '+1 425 555 9999');
    await eventually(() => h.client.getCallInfo(callId), (info) => info.state === 'Connected');
    const before = h.simulator.requestCount('GetCallInfo');
    const result = await disconnectCall(h.deps, admin, { callId, reason: 'Stuck for an hour' });
    assert.ok(result.ok);
    assert.equal(result.data.outcome, 'accepted');
    assert.match(result.data.message, /still showed as Connected/);
    assert.equal(result.data.endLatencyMs, null);
    assert.equal(h.simulator.getCall(callId)?.disconnectRequests, 1);
    assert.ok(h.simulator.requestCount('GetCallInfo') - before >= 3, 'verification kept checking until the deadline');
    const row = await getCallRow(h.database.db, callId);
    assert.equal(row?.ended, false);
    assert.equal(row?.disconnectInProgress, false);
  });

  it('with verification turned off (0 ms) a taken hang-up is accepted at once: one Disconnect, no check after it, said so in words', async () => {
    const callId = await trackedCall(h, '+1 425 555 0102');
    const checksBefore = h.simulator.requestCount('GetCallInfo');
    const result = await disconnectCall({ ...h.deps, verifyTimeoutMs: 0 }, operator, { callId, reason: 'Benchmark-style disconnect' });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.data.outcome, 'accepted');
    assert.match(result.data.message, /accepted the hang-up\. This console is set not to verify disconnects/);
    assert.equal(result.data.endLatencyMs, null);
    assert.equal(h.simulator.getCall(callId)?.disconnectRequests, 1);
    assert.equal(h.simulator.requestCount('GetCallInfo') - checksBefore, 1, 'only the pre-check, no verification');
    const attempt = await auditRows(h, result.data.attemptId);
    assert.equal(attempt.completed?.outcome, 'accepted');
    assert.equal(attempt.completed?.details?.verification, 'off');
    assert.equal((await getCallRow(h.database.db, callId))?.disconnectInProgress, false);
  });

  it('an unknown CallId is already-ended and nothing is sent: tracking found it gone', async () => {
    const tracked = await trackCall(h.deps, operator, { callId: UNKNOWN_CALL_ID }, 'browser');
    assert.ok(tracked.ok);
    assert.equal(tracked.data.call.endReason, 'gone');
    const disconnects = h.simulator.requestCount('Disconnect');
    const result = await disconnectCall(h.deps, operator, { callId: UNKNOWN_CALL_ID, reason: 'Clean up' });
    assert.ok(result.ok);
    assert.equal(result.data.outcome, 'already-ended');
    assert.equal(h.simulator.requestCount('Disconnect'), disconnects);
    assert.equal((await auditRows(h, result.data.attemptId)).completed?.outcome, 'already-ended');
  });

  it('a call that ended by itself (busy, …1111) is already-ended without a Disconnect once the pre-check sees Disconnected', async () => {
    const callId = await trackedCall(h, '+1 425 555 1111');
    await eventually(() => h.client.getCallInfo(callId), (info) => info.state === 'Disconnected');
    const result = await disconnectCall(h.deps, operator, { callId, reason: 'Busy line' });
    assert.ok(result.ok);
    assert.equal(result.data.outcome, 'already-ended');
    assert.equal(h.simulator.getCall(callId)?.disconnectRequests, 0);
    const again = await disconnectCall(h.deps, operator, { callId, reason: 'Once more, now the row says ended' });
    assert.ok(again.ok);
    assert.equal(again.data.outcome, 'already-ended');
    assert.equal((await auditRows(h, again.data.attemptId)).completed?.details?.precheck, 'row-ended');
    assert.equal(h.simulator.getCall(callId)?.disconnectRequests, 0);
  });

  it('a Disconnect answered with InvalidCallIdException is already-ended, with the fault on record', async () => {
    // The row is still active and the pre-check cannot see the call has gone (it gets a 503),
    // so the Disconnect itself meets the unknown CallId.
    await h.database.db
      .insertInto('calls')
      .values({ call_id: 'Z29uZS1jYWxs', added_via: 'api', added_at: Date.now(), consecutive_failures: 0 })
      .execute();
    h.simulator.injectFailure({ kind: 'http503', operations: ['GetCallInfo'], count: 1 });
    const result = await disconnectCall(h.deps, operator, { callId: 'Z29uZS1jYWxs', reason: 'Expired' });
    assert.ok(result.ok);
    assert.equal(result.data.outcome, 'already-ended');
    assert.equal(result.data.faultCode, 'InvalidCallIdException');
    const attempt = await auditRows(h, result.data.attemptId);
    assert.equal(attempt.completed?.faultCode, 'InvalidCallIdException');
    assert.equal((await getCallRow(h.database.db, 'Z29uZS1jYWxs'))?.endReason, 'gone');
  });

  it('an HTTP 503 to the Disconnect is failed, with the status as fault code, and the call stays active', async () => {
    const callId = await trackedCall(h, '+1 425 555 0102');
    h.simulator.injectFailure({ kind: 'http503', operations: ['Disconnect'], count: 1 });
    const result = await disconnectCall(h.deps, operator, { callId, reason: 'Try during an outage' });
    assert.ok(result.ok);
    assert.equal(result.data.outcome, 'failed');
    assert.equal(result.data.faultCode, 'HTTP 503');
    assert.match(result.data.message, /not disconnected/);
    const attempt = await auditRows(h, result.data.attemptId);
    assert.equal(attempt.completed?.outcome, 'failed');
    assert.match(attempt.completed?.faultText ?? '', /503/);
    assert.equal((await getCallRow(h.database.db, callId))?.ended, false);
  });

  it('a connection reset during the Disconnect is unknown and not sent again', async () => {
    const callId = await trackedCall(h, '+1 425 555 0103');
    h.simulator.injectFailure({ kind: 'reset', operations: ['Disconnect'], count: 1 });
    const disconnects = h.simulator.requestCount('Disconnect');
    const result = await disconnectCall(h.deps, operator, { callId, reason: 'Reset' });
    assert.ok(result.ok);
    assert.equal(result.data.outcome, 'unknown');
    assert.match(result.data.message, /not sent again/);
    assert.equal(h.simulator.requestCount('Disconnect') - disconnects, 1);
    assert.equal(h.simulator.getCall(callId)?.disconnectRequests, 0, 'the reset one never reached the call, and none followed');
  });

  it('disconnect.requested is on disk before the simulator receives the Disconnect', async () => {
    const seenAtArrival: number[] = [];
    const reader = rowCounterFor(h.database);
    // The simulator's log hook runs as each request arrives; read the database from another connection right then.
    let watchedCallId = '';
    const simulator = await startUmSimulator({
      ringMs: 10,
      teardownMs: 20,
      log: (line) => {
        if (watchedCallId && / Disconnect /.test(line)) {
          seenAtArrival.push(reader.count('audit_events', { action: 'disconnect.requested', target_call_id: watchedCallId }));
        }
      },
    });
    const client = createUmClient({ url: simulator.url, timeoutMs: 5_000 });
    try {
      const deps: DisconnectDeps = { ...h.deps, um: client };
      watchedCallId = await client.playOnPhone('AAAA', '+1 425 555 0104');
      assert.ok((await trackCall(deps, operator, { callId: watchedCallId }, 'browser')).ok);
      const result = await disconnectCall(deps, operator, { callId: watchedCallId, reason: 'Write-ahead' });
      assert.ok(result.ok);
      assert.deepEqual(seenAtArrival, [1], 'exactly one Disconnect arrived, and its request was already stored');
    } finally {
      reader.close();
      await client.close();
      await simulator.close();
    }
  });
});

describeEachDatabase('a Disconnect the service does not answer in time', (kind) => {
  let h: Harness;
  before(async () => {
    h = await startHarness(kind, { clientTimeoutMs: 300, verifyTimeoutMs: 500 });
  });
  after(() => h.close());

  it('a timed-out disconnect is unknown, says not to retry blindly, and the simulator saw exactly one Disconnect', async () => {
    const callId = await trackedCall(h, '+1 425 555 0301');
    h.simulator.setLatency(800);
    const result = await disconnectCall(h.deps, operator, { callId, reason: 'slow service' });
    h.simulator.setLatency(0);
    assert.ok(result.ok);
    assert.equal(result.data.outcome, 'unknown');
    assert.equal(result.data.faultCode, 'timeout');
    assert.match(result.data.message, /did not answer within 0\.3 s; the call may still be up\. It was not sent again/);
    assert.equal(h.simulator.requestCount('Disconnect'), 1);
    const attempt = await getAttempt(h.database.db, result.data.attemptId);
    assert.equal(attempt?.completed?.outcome, 'unknown');
    assert.equal((await getCallRow(h.database.db, callId))?.disconnectInProgress, false);
  });

  it('a refused connection is failed: nothing was sent', async () => {
    const callId = await trackedCall(h, '+1 425 555 0302');
    const deadClient = createUmClient({ url: 'http://127.0.0.1:1/EWS/UM2007Legacy.asmx', timeoutMs: 1_000 });
    try {
      const result = await disconnectCall({ ...h.deps, um: deadClient }, operator, { callId, reason: 'service down' });
      assert.ok(result.ok);
      assert.equal(result.data.outcome, 'failed');
      assert.equal(result.data.faultCode, 'ECONNREFUSED');
      assert.match(result.data.message, /nothing was sent/);
    } finally {
      await deadClient.close();
    }
  });
});
