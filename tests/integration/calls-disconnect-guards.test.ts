import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { disconnectCall, getCallRow } from '../../lib/calls';
import { openDatabase } from '../../lib/db/open-database';
import { person, startHarness, STRANGER, trackedCall, UNKNOWN_CALL_ID, type Harness } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';
import { refuseAuditInserts } from '../helpers/databases/refuse-audit-inserts';
import { refuseLastDisconnectUpdates } from '../helpers/databases/refuse-last-disconnect-updates';

const operator = person('operator', 'olivia');
const admin = person('admin', 'ada');
const viewer = person('viewer', 'victor');

describeEachDatabase('who may disconnect, and one at a time', (kind) => {
  let h: Harness;
  before(async () => {
    h = await startHarness(kind, { verifyTimeoutMs: 1_000 });
  });
  after(() => h.close());

  it('a viewer is refused, the refusal is audited as disconnect.denied, and the simulator sees no request at all', async () => {
    const callId = await trackedCall(h, '+1 425 555 0201');
    const requestsBefore = h.simulator.requestCount();
    const result = await disconnectCall(h.deps, viewer, { callId, reason: 'I should not be able to' });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'forbidden');
    assert.match(!result.ok ? result.error.message : '', /Viewer/);
    assert.equal(h.simulator.requestCount(), requestsBefore);
    const denied = await h.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'disconnect.denied').execute();
    assert.equal(denied.length, 1);
    assert.equal(denied[0]?.outcome, 'denied');
    assert.equal(denied[0]?.actor_role, 'viewer');
    assert.equal(denied[0]?.target_call_id, callId);
    assert.equal((await getCallRow(h.database.db, callId))?.disconnectInProgress, false);
  });

  it('someone not signed in is refused as unauthenticated, audited, and nothing is sent', async () => {
    const callId = await trackedCall(h, '+1 425 555 0202');
    const requestsBefore = h.simulator.requestCount();
    const result = await disconnectCall(h.deps, STRANGER, { callId, reason: 'anonymous POST' });
    assert.equal(!result.ok && result.error.code, 'unauthenticated');
    assert.equal(h.simulator.requestCount(), requestsBefore);
    const denied = await h.database.db.selectFrom('audit_events').select(['actor_id', 'auth_method']).where('action', '=', 'disconnect.denied').where('target_call_id', '=', callId).execute();
    assert.deepEqual(denied, [{ actor_id: null, auth_method: 'none' }]);
  });

  it('invalid input is refused field by field before anything is stored or sent', async () => {
    const requestsBefore = h.simulator.requestCount();
    const result = await disconnectCall(h.deps, operator, { callId: 'not a call id!', reason: '   ' });
    assert.equal(!result.ok && result.error.code, 'invalid-input');
    assert.deepEqual(Object.keys((!result.ok && result.error.fieldErrors) || {}).sort(), ['callId', 'reason']);
    const tooLong = await disconnectCall(h.deps, operator, { callId: UNKNOWN_CALL_ID, reason: 'x'.repeat(501) });
    assert.match((!tooLong.ok && tooLong.error.fieldErrors?.reason) || '', /at most 500/);
    const control = await disconnectCall(h.deps, operator, { callId: UNKNOWN_CALL_ID, reason: 'bell\u0007' });
    assert.match((!control.ok && control.error.fieldErrors?.reason) || '', /control/);
    assert.equal(h.simulator.requestCount(), requestsBefore);
  });

  it('a CallId the console does not track is not-found, and nothing is sent', async () => {
    const callId = await h.place('+1 425 555 0203');
    const requestsBefore = h.simulator.requestCount();
    const result = await disconnectCall(h.deps, operator, { callId, reason: 'Not tracked' });
    assert.equal(!result.ok && result.error.code, 'not-found');
    assert.equal(h.simulator.requestCount(), requestsBefore);
  });

  it('two disconnects of one call at once: one is carried out, the other is in-progress and names who started it; one Disconnect is sent', async () => {
    const callId = await trackedCall(h, '+1 425 555 0204');
    const [first, second] = await Promise.all([
      disconnectCall(h.deps, operator, { callId, reason: 'double click 1' }),
      disconnectCall(h.deps, admin, { callId, reason: 'double click 2' }),
    ]);
    const outcomes = [first, second];
    const done = outcomes.filter((r) => r.ok);
    const refused = outcomes.flatMap((r) => (r.ok ? [] : [r.error]));
    assert.equal(done.length, 1);
    assert.equal(refused.length, 1);
    assert.equal(refused[0]?.code, 'in-progress');
    assert.match(refused[0]?.message ?? '', /already in progress \(started by olivia@contoso\.test at \d{4}-/);
    assert.equal(h.simulator.getCall(callId)?.disconnectRequests, 1);
  });

  it('the database lock holds across separate connections: a second handle on the same database gets in-progress', async () => {
    const other = await openDatabase(h.database.url);
    try {
      const callId = await trackedCall(h, '+1 425 555 9999');
      const [a, b] = await Promise.all([
        disconnectCall(h.deps, operator, { callId, reason: 'from process A' }),
        disconnectCall({ ...h.deps, db: other.db }, admin, { callId, reason: 'from process B' }),
      ]);
      assert.equal([a, b].filter((r) => r.ok).length, 1);
      assert.equal([a, b].filter((r) => !r.ok && r.error.code === 'in-progress').length, 1);
      assert.equal(h.simulator.getCall(callId)?.disconnectRequests, 1);
    } finally {
      await other.close();
    }
  });

  it('when the request cannot be audited, nothing is sent, the lock is released, and the result says audit-unavailable', async () => {
    const callId = await trackedCall(h, '+1 425 555 0205');
    const restore = await refuseAuditInserts(h.database.db, { message: 'simulated disk failure', onlyAction: 'disconnect.requested' });
    const disconnects = h.simulator.requestCount('Disconnect');
    try {
      const result = await disconnectCall(h.deps, operator, { callId, reason: 'audit is down' });
      assert.equal(!result.ok && result.error.code, 'audit-unavailable');
      assert.doesNotMatch(!result.ok ? result.error.message : '', /simulated disk failure/, 'no raw exception text');
      assert.equal(h.simulator.requestCount('Disconnect'), disconnects);
      assert.equal((await getCallRow(h.database.db, callId))?.disconnectInProgress, false);
    } finally {
      await restore();
    }
    const retry = await disconnectCall(h.deps, operator, { callId, reason: 'audit is back' });
    assert.equal(retry.ok && retry.data.outcome, 'confirmed');
  });

  it('when the outcome cannot be committed with the call row, the completion is still written on its own and the lock released', async () => {
    const callId = await trackedCall(h, '+1 425 555 0206');
    // The outcome's grouped commit updates the call row first; refusing that update fails the whole commit.
    const restore = await refuseLastDisconnectUpdates(h.database.db);
    let attemptId: string;
    try {
      const result = await disconnectCall(h.deps, operator, { callId, reason: 'row is read-only' });
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.data.outcome, 'confirmed');
      assert.doesNotMatch(result.data.message, /could not be written/);
      attemptId = result.data.attemptId;
    } finally {
      await restore();
    }
    const events = await h.database.db.selectFrom('audit_events').select(['action', 'outcome']).where('attempt_id', '=', attemptId).orderBy('seq').execute();
    assert.deepEqual(events, [
      { action: 'disconnect.requested', outcome: null },
      { action: 'disconnect.completed', outcome: 'confirmed' },
    ]);
    const row = await getCallRow(h.database.db, callId);
    assert.equal(row?.disconnectInProgress, false, 'the lock is released');
    assert.equal(h.simulator.getCall(callId)?.disconnectRequests, 1);
  });
});
