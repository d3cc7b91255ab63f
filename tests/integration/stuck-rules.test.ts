import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { listAuditEvents } from '../../lib/audit';
import {
  DEFAULT_STUCK_RULES,
  checkCall,
  countStuckCalls,
  disconnectCall,
  getBoardSnapshot,
  getCallRow,
  getStuckRules,
  listCalls,
  saveStuckRules,
} from '../../lib/calls';
import { eventually, person, startHarness, trackedCall, type Harness } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';

const admin = person('admin', 'ada');
const operator = person('operator', 'olivia');
const MINUTE = 60_000;

describeEachDatabase('stuck-call rules in the database', (kind) => {
  let h: Harness;
  before(async () => {
    h = await startHarness(kind, { verifyTimeoutMs: 400 });
  });
  after(() => h.close());

  it('before any change the defaults apply: 60 s connecting, 30 min connected, 30 s after an accepted disconnect, 5 failed checks', async () => {
    assert.deepEqual(await getStuckRules(h.database.db), { connectingSeconds: 60, connectedMinutes: 30, afterDisconnectSeconds: 30, failedChecks: 5 });
  });

  it('an administrator changes the rules; the change is stored and audited once with the old and new values', async () => {
    const saved = await saveStuckRules(h.deps, admin, { connectingSeconds: '90', connectedMinutes: '45', afterDisconnectSeconds: '30', failedChecks: '3' });
    assert.ok(saved.ok, JSON.stringify(saved));
    assert.equal(saved.data.changed, true);
    assert.deepEqual(await getStuckRules(h.database.db), { connectingSeconds: 90, connectedMinutes: 45, afterDisconnectSeconds: 30, failedChecks: 3 });

    const again = await saveStuckRules(h.deps, admin, { connectingSeconds: 90, connectedMinutes: 45, afterDisconnectSeconds: 30, failedChecks: 3 });
    assert.ok(again.ok);
    assert.equal(again.data.changed, false, 'saving the same values is not a change');

    const events = await listAuditEvents(h.database.db, { action: 'settings.stuck_rules' }, { limit: 10 });
    assert.equal(events.items.length, 1);
    const event = events.items[0];
    assert.equal(event?.actorEmail, admin.email);
    assert.equal(event?.outcome, 'success');
    assert.deepEqual(event?.details, {
      old: DEFAULT_STUCK_RULES,
      new: { connectingSeconds: 90, connectedMinutes: 45, afterDisconnectSeconds: 30, failedChecks: 3 },
    });
    assert.ok((await saveStuckRules(h.deps, admin, DEFAULT_STUCK_RULES)).ok);
  });

  it('an operator may not change the rules: refused, audited as denied, and the rules stay as they were', async () => {
    const before = await getStuckRules(h.database.db);
    const refused = await saveStuckRules(h.deps, operator, { ...before, failedChecks: 1 });
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.error.code, 'forbidden');
    assert.deepEqual(await getStuckRules(h.database.db), before);
    const denied = await listAuditEvents(h.database.db, { action: 'settings.stuck_rules', outcome: 'denied' }, { limit: 10 });
    assert.equal(denied.items[0]?.actorEmail, operator.email);
  });

  it('values out of range are refused field by field and nothing is stored', async () => {
    const before = await getStuckRules(h.database.db);
    const refused = await saveStuckRules(h.deps, admin, { connectingSeconds: 0, connectedMinutes: 'half an hour', afterDisconnectSeconds: 30, failedChecks: 5 });
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.error.code, 'invalid-input');
    assert.deepEqual(Object.keys((!refused.ok && refused.error.fieldErrors) || {}).sort(), ['connectedMinutes', 'connectingSeconds']);
    assert.deepEqual(await getStuckRules(h.database.db), before);
  });

  it('board rows carry the verdict at the time given; "stuck only" keeps those, and the count matches', async () => {
    const callId = await trackedCall(h, '+1 425 555 0601', 'long call');
    const row = await eventually(async () => {
      await checkCall(h.deps, callId, 'poll');
      return getCallRow(h.database.db, callId);
    }, (r) => r?.state === 'Connected');
    const since = row?.stateSince ?? 0;
    const later = since + 42 * MINUTE;

    const calls = await listCalls(h.database.db, 'active', { now: later });
    assert.deepEqual(calls.find((c) => c.callId === callId)?.stuck, { rule: 'connected', text: 'Connected 42 min > 30 min' });
    assert.equal((await listCalls(h.database.db, 'active', { now: since + MINUTE })).find((c) => c.callId === callId)?.stuck, null);

    const stuckOnly = await listCalls(h.database.db, 'all', { now: later, stuckOnly: true });
    assert.ok(stuckOnly.length >= 1 && stuckOnly.every((c) => c.stuck !== null && !c.ended));
    assert.equal(await countStuckCalls(h.database.db, later), stuckOnly.length);
    const snapshot = await getBoardSnapshot(h.database.db, null, 'ended', () => later);
    assert.equal(snapshot.stuckCount, stuckOnly.length, 'the count covers active calls whatever the view');
    assert.deepEqual(snapshot.stuckRules, DEFAULT_STUCK_RULES);
  });

  it('a call the service said it would hang up but that stays up becomes stuck 30 s after the hang-up was accepted', async () => {
    const callId = await trackedCall(h, '+1 425 555 9999', 'ignores hang-ups');
    const result = await disconnectCall(h.deps, operator, { callId, reason: 'stuck test' });
    assert.ok(result.ok);
    assert.equal(result.data.outcome, 'accepted');
    const row = await getCallRow(h.database.db, callId);
    assert.equal(row?.lastDisconnect?.outcome, 'accepted');
    assert.equal(row?.lastDisconnect?.attemptId, result.data.attemptId);
    const acceptedAt = row?.lastDisconnect?.acceptedAt ?? 0;
    assert.ok(acceptedAt > 0);
    const at = (ms: number) => listCalls(h.database.db, 'active', { now: acceptedAt + ms }).then((calls) => calls.find((c) => c.callId === callId)?.stuck);
    assert.equal(await at(29_000), null);
    assert.deepEqual(await at(45_000), { rule: 'after-disconnect', text: 'Still up 45 s after an accepted disconnect (> 30 s)' });
  });

  it('status checks that keep failing make a call stuck after five in a row', async () => {
    const callId = await trackedCall(h, '+1 425 555 0602', 'unreachable');
    h.simulator.injectFailure({ kind: 'http503', operations: ['GetCallInfo'] });
    try {
      for (let i = 0; i < 4; i += 1) await checkCall(h.deps, callId, 'poll');
      assert.equal((await getCallRow(h.database.db, callId))?.stuck, null);
      await checkCall(h.deps, callId, 'poll');
      assert.deepEqual((await getCallRow(h.database.db, callId))?.stuck, { rule: 'failed-checks', text: '5 failed checks in a row (≥ 5)' });
    } finally {
      h.simulator.clearFailures();
    }
    await checkCall(h.deps, callId, 'poll');
    assert.equal((await getCallRow(h.database.db, callId))?.stuck, null, 'one good check clears it');
  });
});
