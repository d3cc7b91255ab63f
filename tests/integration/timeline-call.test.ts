import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import {
  checkCall,
  disconnectCall,
  getCallTimeline,
  startBatch,
  trackCall,
  waitForBatches,
  type DisconnectDeps,
  type TimelineItem,
} from '../../lib/calls';
import { eventually, person, startHarness, UNKNOWN_CALL_ID, type Harness } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';

const operator = person('operator', 'olivia');

/** The kind and, for audit items, the action: enough to pin the order. */
const shape = (item: TimelineItem) => (item.kind === 'audit' ? `audit ${item.event.action}` : `state ${item.observation.state} (${item.observation.source})`);

describeEachDatabase('the call timeline', (kind) => {
  let h: Harness;
  let deps: DisconnectDeps;
  before(async () => {
    // Ringing for 1.5 s: the track must see Connecting even on a busy machine (it once took > 50 ms).
    h = await startHarness(kind, { simulator: { ringMs: 1_500 } });
    // Real time, but never the same millisecond twice: the order under test is the order things happened.
    let tick = 0;
    deps = { ...h.deps, clock: () => Date.now() + (tick += 1) };
  });
  after(() => h.close());

  it('merges the observed state changes with every audit event about the call, newest first', async () => {
    const callId = await h.place('+1 425 555 0701');
    assert.ok((await trackCall(deps, operator, { callId, label: 'reception' }, 'browser')).ok);
    await eventually(() => checkCall(deps, callId, 'poll'), (r) => r.kind === 'info' && r.info.state === 'Connected');
    const refused = await disconnectCall(deps, person('viewer', 'vera'), { callId, reason: 'not allowed' });
    assert.equal(refused.ok, false);
    const done = await disconnectCall(deps, operator, { callId, reason: 'caller hung up long ago' });
    assert.ok(done.ok && done.data.outcome === 'confirmed');

    const timeline = await getCallTimeline(h.database.db, callId);
    assert.ok(timeline);
    assert.equal(timeline.call.label, 'reception');
    assert.equal(timeline.call.server, 'um-sim-01.contoso.test');
    assert.equal(timeline.call.stateLabel, 'Disconnected');
    assert.equal(timeline.truncated, false);
    assert.deepEqual(timeline.items.map(shape), [
      'audit disconnect.completed',
      'state Disconnected (verify)',
      'audit disconnect.requested',
      'audit disconnect.denied',
      'state Connected (poll)',
      'state Connecting (track)',
      'audit call.track',
    ]);
    for (let i = 1; i < timeline.items.length; i += 1) {
      assert.ok((timeline.items[i - 1]?.at ?? 0) >= (timeline.items[i]?.at ?? 0), 'newest first');
    }
    const texts = timeline.items.map((item) => item.text);
    assert.match(texts[0] ?? '', /^Disconnect result: Disconnected \(confirmed\) — the call ended [\d.]+ s after the hang-up was sent$/);
    assert.equal(texts[1], 'Disconnected — seen while verifying a disconnect');
    assert.equal(texts[2], 'Disconnect requested by olivia@contoso.test: “caller hung up long ago”');
    assert.equal(texts[3], 'Disconnect refused for vera@contoso.test (role Viewer); nothing was sent');
    assert.equal(texts[6], 'Tracked by olivia@contoso.test in the browser');
    const completed = timeline.items[0];
    assert.ok(completed?.kind === 'audit' && completed.event.attemptId === done.data.attemptId, 'the raw event travels with its text');
  });

  it('says when a disconnect was part of a bulk run', async () => {
    const callId = await h.place('+1 425 555 0702');
    assert.ok((await trackCall(deps, operator, { callId }, 'api')).ok);
    const started = await startBatch({ ...deps, maxConcurrency: 2 }, operator, { callIds: [callId], reason: 'bulk' });
    assert.ok(started.ok);
    await waitForBatches(h.database.db);
    const timeline = await getCallTimeline(h.database.db, callId);
    const requested = timeline?.items.find((item) => item.kind === 'audit' && item.event.action === 'disconnect.requested');
    assert.equal(requested?.text, 'Disconnect requested by olivia@contoso.test (bulk disconnect): “bulk”');
    assert.ok(requested?.kind === 'audit' && requested.event.batchId === started.data.batchId);
    assert.match(timeline?.items.at(-1)?.text ?? '', /^Tracked by olivia@contoso\.test through the API$/);
  });

  it('is null for a call the console does not track', async () => {
    assert.equal(await getCallTimeline(h.database.db, UNKNOWN_CALL_ID), null);
  });
});
