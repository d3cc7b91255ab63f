import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { getBoardSnapshot, getCallRow, listCalls, startPoller, trackCall, type Poller } from '../../lib/calls';
import { eventually, person, startHarness, UNKNOWN_CALL_ID, type Harness } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';

const operator = person('operator');

async function track(h: Harness, dialString: string): Promise<string> {
  const callId = await h.place(dialString);
  assert.ok((await trackCall(h.deps, operator, { callId }, 'browser')).ok);
  return callId;
}

async function observations(h: Harness, callId: string) {
  return h.database.db
    .selectFrom('call_observations')
    .select(['state', 'event_cause', 'source'])
    .where('call_id', '=', callId)
    .orderBy('at')
    .execute();
}

describeEachDatabase('the status poller', (kind) => {
  let h: Harness;
  let poller: Poller;
  before(async () => {
    h = await startHarness(kind, { simulator: { ringMs: 800 } });
    // A long interval: the test drives rounds itself with pollNow().
    poller = startPoller({ ...h.deps, maxConcurrency: 16 }, { intervalMs: 3_600_000 });
    await poller.pollNow();
  });
  after(async () => {
    await poller.stop();
    await h.close();
  });

  it('records a state change once, however many rounds see it', async () => {
    const callId = await track(h, '+1 425 555 0501');
    assert.deepEqual(await observations(h, callId), [{ state: 'Connecting', event_cause: 'None', source: 'track' }]);
    await delay(900);
    await poller.pollNow();
    await poller.pollNow();
    await poller.pollNow();
    assert.deepEqual(await observations(h, callId), [
      { state: 'Connecting', event_cause: 'None', source: 'track' },
      { state: 'Connected', event_cause: 'None', source: 'poll' },
    ]);
    const row = await getCallRow(h.database.db, callId);
    assert.equal(row?.stateLabel, 'Connected');
    assert.equal(row?.causeLabel, 'None');
    assert.ok(row?.stateSince !== null && row?.lastCheckedAt !== null && row!.lastCheckedAt! >= row!.stateSince!);
  });

  it('a call that ends (Disconnected / Busy) leaves the active view and shows under ended, with its cause in words', async () => {
    const callId = await track(h, '+1 425 555 1111');
    await eventually(() => h.client.getCallInfo(callId), (info) => info.state === 'Disconnected');
    await poller.pollNow();
    assert.equal((await listCalls(h.database.db, 'active')).some((c) => c.callId === callId), false);
    const ended = (await listCalls(h.database.db, 'ended')).find((c) => c.callId === callId);
    assert.equal(ended?.endReason, 'disconnected');
    assert.equal(ended?.causeLabel, 'Busy');
    assert.ok((await listCalls(h.database.db, 'all')).some((c) => c.callId === callId));
    const before = h.simulator.requestCount('GetCallInfo');
    await poller.pollNow();
    const active = (await listCalls(h.database.db, 'active')).length;
    assert.equal(h.simulator.requestCount('GetCallInfo') - before, active, 'ended calls are no longer polled');
  });

  it('a call the service no longer knows (InvalidCallIdException) is ended as gone by the next round', async () => {
    await h.database.db
      .insertInto('calls')
      .values({ call_id: UNKNOWN_CALL_ID, added_via: 'api', added_at: Date.now(), consecutive_failures: 0 })
      .execute();
    const round = await poller.pollNow();
    const row = await getCallRow(h.database.db, UNKNOWN_CALL_ID);
    assert.equal(row?.ended, true);
    assert.equal(row?.endReason, 'gone');
    assert.ok((row?.endedAt ?? 0) >= round.at);
    assert.equal(row?.lastError, null, 'being gone is an end, not an error');
  });

  it('a down service flips reachability to not answering since that round, errors stay on the calls, and an answer flips it back', async () => {
    const callId = await track(h, '+1 425 555 0502');
    await poller.pollNow();
    assert.equal(poller.reachability.answering, true);
    h.simulator.injectFailure({ kind: 'http503', operations: ['GetCallInfo'] });
    try {
      const firstDown = await poller.pollNow();
      assert.equal(poller.reachability.answering, false);
      assert.equal(poller.reachability.since, firstDown.at);
      assert.match(poller.reachability.problem ?? '', /not answering.*503/);
      await poller.pollNow();
      assert.equal(poller.reachability.since, firstDown.at, '"since" stays at the first failed round');
      const row = await getCallRow(h.database.db, callId);
      assert.equal(row?.consecutiveFailures, 2);
      assert.match(row?.lastError ?? '', /503/);
      assert.equal(row?.ended, false, 'a failing check does not end the call');
      const snapshot = await getBoardSnapshot(h.database.db, poller);
      assert.equal(snapshot.um.answering, false);
      assert.equal(snapshot.um.since, firstDown.at);
    } finally {
      h.simulator.clearFailures();
    }
    const back = await poller.pollNow();
    assert.deepEqual(poller.reachability, { answering: true, since: back.at, problem: null });
    const row = await getCallRow(h.database.db, callId);
    assert.equal(row?.consecutiveFailures, 0);
    assert.equal(row?.lastError, null);
  });

  it('rounds never overlap: asking for a round while one runs joins it', async () => {
    const active = (await listCalls(h.database.db, 'active')).length;
    assert.ok(active > 0);
    h.simulator.setLatency(100);
    try {
      const before = h.simulator.requestCount('GetCallInfo');
      const [a, b] = await Promise.all([poller.pollNow(), poller.pollNow()]);
      assert.equal(a, b);
      assert.equal(h.simulator.requestCount('GetCallInfo') - before, active);
    } finally {
      h.simulator.setLatency(0);
    }
  });

  it('the board snapshot reads only the database: asking for it sends nothing to the UM service', async () => {
    const before = h.simulator.requestCount();
    for (let viewer = 0; viewer < 10; viewer += 1) {
      const snapshot = await getBoardSnapshot(h.database.db, poller);
      assert.equal(snapshot.pollIntervalMs, 3_600_000);
      assert.equal(snapshot.lastPollAt, poller.lastPollAt);
      assert.ok(snapshot.calls.every((call) => !call.ended));
    }
    assert.equal(h.simulator.requestCount(), before);
  });
});

describeEachDatabase('the poller under load and on its own timer', (kind) => {
  let h: Harness;
  before(async () => {
    h = await startHarness(kind, { maxConcurrency: 16 });
    for (let i = 0; i < 20; i += 1) await track(h, `+1 425 555 06${String(i).padStart(2, '0')}`);
  });
  after(() => h.close());

  it('keeps to the client bound when it is below 8, and to 8 otherwise', async () => {
    h.simulator.setLatency(60);
    try {
      const narrow = startPoller({ ...h.deps, maxConcurrency: 3 }, { intervalMs: 3_600_000 });
      await narrow.pollNow();
      await narrow.stop();
      assert.ok(h.simulator.peakConcurrency <= 3, `peak ${h.simulator.peakConcurrency}`);
      assert.ok(h.simulator.peakConcurrency >= 2, 'requests did run side by side');
      const wide = startPoller({ ...h.deps, maxConcurrency: 16 }, { intervalMs: 3_600_000 });
      await wide.pollNow();
      await wide.stop();
      assert.ok(h.simulator.peakConcurrency <= 8, `peak ${h.simulator.peakConcurrency}`);
      assert.ok(h.simulator.peakConcurrency > 3);
    } finally {
      h.simulator.setLatency(0);
    }
  });

  it('polls by itself every interval, and stop() ends it', async () => {
    const poller = startPoller({ ...h.deps, maxConcurrency: 16 }, { intervalMs: 100 });
    const start = h.simulator.requestCount('GetCallInfo');
    await eventually(() => h.simulator.requestCount('GetCallInfo') - start, (n) => n >= 60, 10_000);
    assert.ok(poller.lastPollAt !== null);
    await poller.stop();
    const stoppedAt = h.simulator.requestCount('GetCallInfo');
    await delay(300);
    assert.equal(h.simulator.requestCount('GetCallInfo'), stoppedAt);
  });
});

describeEachDatabase('the status poller with an empty board', (kind) => {
  it('says from the first round that a service which does not answer is down, and probes only while needed', async () => {
    const h = await startHarness(kind);
    const poller = startPoller({ ...h.deps, maxConcurrency: 4 }, { intervalMs: 3_600_000 });
    try {
      h.simulator.injectFailure({ kind: 'http503', count: 1 });
      await poller.pollNow();
      assert.equal(poller.reachability.answering, false);
      assert.ok(poller.reachability.since !== null);
      assert.match(poller.reachability.problem ?? '', /HTTP 503/);
      await poller.pollNow();
      assert.equal(poller.reachability.answering, true, 'the probe sees the service come back');
      const probes = h.simulator.requestCount('IsUMEnabled');
      await poller.pollNow();
      await poller.pollNow();
      assert.equal(h.simulator.requestCount('IsUMEnabled'), probes, 'no probing while the service answers');
    } finally {
      await poller.stop();
      await h.close();
    }
  });
});
