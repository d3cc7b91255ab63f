import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { listAuditEvents } from '../../lib/audit';
import { DEMO_CALLS, getCallRow, listCalls, placeTestCall, seedDemoCalls, trackCall } from '../../lib/calls';
import { decodeCallId } from '../../lib/um';
import { ENTRY_ID, person, startHarness, UNKNOWN_CALL_ID, type Harness } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';

const operator = person('operator', 'olivia');
const viewer = person('viewer', 'victor');

describeEachDatabase('tracking calls', (kind) => {
  let h: Harness;
  before(async () => {
    // Calls ring for a minute here, so "checks its state at once" sees Connecting however slow the machine.
    h = await startHarness(kind, { simulator: { ringMs: 60_000 } });
  });
  after(() => h.close());

  it('tracks a CallId: decodes its server, checks its state at once, and audits call.track', async () => {
    const callId = await h.place('+1 425 555 0701');
    const result = await trackCall(h.deps, operator, { callId: `  ${callId}\n`, label: '  Front desk  ' }, 'browser');
    assert.ok(result.ok, JSON.stringify(result));
    const { call } = result.data;
    assert.equal(call.callId, callId, 'pasted whitespace is removed');
    assert.equal(call.label, 'Front desk');
    assert.equal(call.server, decodeCallId(callId)?.server);
    assert.equal(call.server, 'um-sim-01.contoso.test');
    assert.equal(call.stateLabel, 'Connecting');
    assert.equal(call.addedVia, 'browser');
    assert.equal(call.addedByEmail, 'olivia@contoso.test');
    assert.equal(result.data.alreadyTracked, false);
    const audit = await listAuditEvents(h.database.db, { action: 'call.track', callId }, { limit: 10 });
    assert.equal(audit.items.length, 1);
    assert.equal(audit.items[0]?.callLabel, 'Front desk');
  });

  it('tracking the same CallId again changes nothing and says so', async () => {
    const callId = await h.place('+1 425 555 0702');
    assert.ok((await trackCall(h.deps, operator, { callId, label: 'First' }, 'browser')).ok);
    const requests = h.simulator.requestCount();
    const again = await trackCall(h.deps, operator, { callId, label: 'Second' }, 'api');
    assert.ok(again.ok);
    assert.equal(again.data.alreadyTracked, true);
    assert.match(again.data.note ?? '', /already tracked/);
    assert.equal(again.data.call.label, 'First');
    assert.equal(again.data.call.addedVia, 'browser');
    assert.equal(h.simulator.requestCount(), requests, 'no second status check');
  });

  it('refuses a malformed CallId and a bad label under their fields, storing nothing', async () => {
    const result = await trackCall(h.deps, operator, { callId: 'abc def<', label: 'x'.repeat(101) }, 'browser');
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'invalid-input');
    const fields = !result.ok ? result.error.fieldErrors : undefined;
    assert.match(fields?.callId ?? '', /letters, digits/);
    assert.match(fields?.label ?? '', /at most 100/);
    const control = await trackCall(h.deps, operator, { callId: UNKNOWN_CALL_ID, label: 'tab\there' }, 'browser');
    assert.match((!control.ok && control.error.fieldErrors?.label) || '', /control characters/);
    assert.equal(await getCallRow(h.database.db, UNKNOWN_CALL_ID), null);
  });

  it('a viewer cannot track calls', async () => {
    const result = await trackCall(h.deps, viewer, { callId: UNKNOWN_CALL_ID }, 'browser');
    assert.equal(!result.ok && result.error.code, 'forbidden');
    assert.equal(await getCallRow(h.database.db, UNKNOWN_CALL_ID), null);
  });

  it('a failed first check is stored as the call\'s last error, not as a failure to track', async () => {
    const callId = await h.place('+1 425 555 0703');
    h.simulator.injectFailure({ kind: 'http503', operations: ['GetCallInfo'], count: 1 });
    const result = await trackCall(h.deps, operator, { callId }, 'browser');
    assert.ok(result.ok);
    assert.equal(result.data.call.stateLabel, 'Not checked yet');
    assert.match(result.data.call.lastError ?? '', /503/);
    assert.equal(result.data.call.consecutiveFailures, 1);
    assert.equal(result.data.call.ended, false);
  });

  it('lists active calls longest in their state first, and ended ones apart', async () => {
    const db = h.database.db;
    const base = { added_via: 'api', consecutive_failures: 0, state: 'Connected', raw_state: 'Connected', event_cause: 'None', raw_event_cause: 'None' };
    await db.insertInto('calls').values([
      { ...base, call_id: 'b2xkZXN0', added_at: 1_000, state_since: 1_000 },
      { ...base, call_id: 'bmV3ZXN0', added_at: 500, state_since: 9_000_000_000_000 },
      { ...base, call_id: 'ZW5kZWQ=', added_at: 10, state_since: 10, ended_at: 20, end_reason: 'gone' },
    ]).execute();
    const active = (await listCalls(db, 'active')).map((c) => c.callId);
    assert.equal(active[0], 'b2xkZXN0');
    assert.equal(active.at(-1), 'bmV3ZXN0');
    assert.equal(active.includes('ZW5kZWQ='), false);
    const ended = await listCalls(db, 'ended');
    assert.ok(ended.some((c) => c.callId === 'ZW5kZWQ=' && c.endReason === 'gone'));
  });
});

describeEachDatabase('test calls and demo data', (kind) => {
  let h: Harness;
  before(async () => {
    h = await startHarness(kind);
  });
  after(() => h.close());

  it('seeds nothing unless the embedded simulator is in use', async () => {
    assert.equal(await seedDemoCalls({ ...h.deps, embedded: false }), 0);
    assert.equal(h.simulator.requestCount('PlayOnPhone'), 0);
    assert.deepEqual(await listCalls(h.database.db, 'all'), []);
  });

  it('with no call up, places and tracks the demo calls on the simulator; never again while they are up', async () => {
    assert.equal(await seedDemoCalls({ ...h.deps, embedded: true }), DEMO_CALLS.length);
    const calls = await listCalls(h.database.db, 'all');
    assert.equal(calls.length, DEMO_CALLS.length);
    assert.ok(calls.every((c) => c.addedVia === 'demo' && c.label?.startsWith('Demo: ')));
    const scenarios = h.simulator.listCalls().map((c) => c.scenario).sort();
    assert.deepEqual(scenarios, ['busy', 'no-answer', 'normal', 'normal', 'stuck']);
    assert.equal(await seedDemoCalls({ ...h.deps, embedded: true }), 0);
    assert.equal(h.simulator.requestCount('PlayOnPhone'), DEMO_CALLS.length);
  });

  it('places a test call with PlayOnPhone, tracks it as a test call, and audits both', async () => {
    const result = await placeTestCall(h.deps, operator, { entryId: ENTRY_ID, dialString: '+1 425 555 0801', label: 'Trying it' });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.data.call.addedVia, 'test-call');
    assert.equal(result.data.call.label, 'Trying it');
    assert.ok(h.simulator.getCall(result.data.call.callId));
    const audit = await listAuditEvents(h.database.db, { callId: result.data.call.callId }, { limit: 10 });
    assert.deepEqual(audit.items.map((e) => e.action).sort(), ['call.place_test', 'call.track']);
  });

  it('a number the dialing rules refuse is shown under the dial string field and audited as a failure', async () => {
    const result = await placeTestCall(h.deps, operator, { entryId: ENTRY_ID, dialString: '+1 425 555 3333' });
    assert.equal(!result.ok && result.error.code, 'um-error');
    assert.match((!result.ok && result.error.fieldErrors?.dialString) || '', /dialing rules/);
    const audit = await listAuditEvents(h.database.db, { action: 'call.place_test', outcome: 'failure' }, { limit: 10 });
    assert.equal(audit.items[0]?.faultCode, 'DialingRulesException');
  });

  it('refuses bad test-call input and viewers before anything is sent', async () => {
    const before = h.simulator.requestCount();
    const bad = await placeTestCall(h.deps, operator, { entryId: 'not base64!', dialString: '  ' });
    assert.deepEqual(Object.keys((!bad.ok && bad.error.fieldErrors) || {}).sort(), ['dialString', 'entryId']);
    const denied = await placeTestCall(h.deps, viewer, { entryId: ENTRY_ID, dialString: '+1 425 555 0802' });
    assert.equal(!denied.ok && denied.error.code, 'forbidden');
    assert.equal(h.simulator.requestCount(), before);
  });
});
