import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { SYSTEM_ACTOR, type AnonymousActor } from '../../lib/auth/actor';
import { appendAuditEvent, getAuditEvent } from '../../lib/audit';
import { person, type TestDatabase } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';
import { refuseAuditInserts } from '../helpers/databases/refuse-audit-inserts';
import { openTestDatabase } from '../helpers/databases/test-database';

describeEachDatabase('appending to the audit log', (kind) => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase(kind);
  });
  after(() => database.dispose());

  it('numbers events 1, 2, 3… without gaps or duplicates, even when fifty appends race', async () => {
    const actor = person('operator');
    const events = await Promise.all(
      Array.from({ length: 50 }, (_, i) => appendAuditEvent(database.db, { action: 'call.track', actor, details: { i } })),
    );
    const seqs = events.map((e) => e.seq).sort((a, b) => a - b);
    assert.deepEqual(seqs, Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('keeps a user as they were: id, email, role, how they signed in, address and browser, plus every field given', async () => {
    const event = await appendAuditEvent(
      database.db,
      {
        action: 'disconnect.completed',
        actor: person('admin', 'ada'),
        targetCallId: 'Q2FsbA==',
        reason: 'stuck',
        outcome: 'confirmed',
        faultCode: null,
        faultText: null,
        umLatencyMs: 12.6,
        endLatencyMs: 350.2,
        attemptId: 'attempt-1',
        batchId: 'batch-1',
        details: { precheck: { state: 'Connected' } },
      },
      () => Date.UTC(2025, 2, 1, 12, 0, 0),
    );
    const stored = await getAuditEvent(database.db, event.seq);
    assert.ok(stored);
    assert.deepEqual(stored, { ...event, callLabel: null });
    assert.equal(stored.at.toISOString(), '2025-03-01T12:00:00.000Z');
    assert.equal(stored.actorId, 'user-ada');
    assert.equal(stored.actorEmail, 'ada@contoso.test');
    assert.equal(stored.actorRole, 'admin');
    assert.equal(stored.authMethod, 'session');
    assert.equal(stored.sourceIp, '127.0.0.1');
    assert.equal(stored.userAgent, 'node:test');
    assert.equal(stored.umLatencyMs, 13);
    assert.equal(stored.endLatencyMs, 350);
    assert.deepEqual(stored.details, { precheck: { state: 'Connected' } });
  });

  it('keeps an anonymous actor by the email they typed, with no id or role, and the console itself as "system"', async () => {
    const stranger: AnonymousActor = { kind: 'anonymous', claimedEmail: 'who@contoso.test', authMethod: 'credentials', sourceIp: '10.0.0.9', userAgent: 'curl' };
    const anonymous = await appendAuditEvent(database.db, { action: 'auth.sign_in', actor: stranger, outcome: 'failure' });
    assert.equal(anonymous.actorId, null);
    assert.equal(anonymous.actorEmail, 'who@contoso.test');
    assert.equal(anonymous.actorRole, null);
    assert.equal(anonymous.sourceIp, '10.0.0.9');
    const system = await appendAuditEvent(database.db, { action: 'auth.bootstrap_admin', actor: SYSTEM_ACTOR });
    assert.deepEqual(
      [system.actorId, system.actorEmail, system.actorRole, system.authMethod, system.sourceIp, system.userAgent],
      [null, null, null, 'system', null, null],
    );
  });

  it('rows cannot be changed or removed, even with SQL', async () => {
    const event = await appendAuditEvent(database.db, { action: 'call.track', actor: person('operator') });
    await assert.rejects(sql`UPDATE audit_events SET reason = 'edited' WHERE seq = ${event.seq}`.execute(database.db), /append-only/);
    await assert.rejects(sql`DELETE FROM audit_events WHERE seq = ${event.seq}`.execute(database.db), /append-only/);
    assert.ok(await getAuditEvent(database.db, event.seq));
  });

  it('throws when the row is not stored, and leaves no gap behind', async () => {
    const before = await appendAuditEvent(database.db, { action: 'call.track', actor: person('operator') });
    const restore = await refuseAuditInserts(database.db, { message: 'disk full' });
    try {
      await assert.rejects(appendAuditEvent(database.db, { action: 'call.track', actor: person('operator') }), /disk full/);
    } finally {
      await restore();
    }
    const after = await appendAuditEvent(database.db, { action: 'call.track', actor: person('operator') });
    assert.equal(after.seq, before.seq + 1);
  });

  it("inside a caller's transaction the event joins it: rolled back together, committed together", async () => {
    const before = await appendAuditEvent(database.db, { action: 'call.track', actor: person('operator') });
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await appendAuditEvent(trx, { action: 'call.track', actor: person('operator'), reason: 'rolled back' });
        throw new Error('the caller changes its mind');
      }),
      /changes its mind/,
    );
    const committed = await database.db.transaction().execute((trx) => appendAuditEvent(trx, { action: 'call.track', actor: person('operator') }));
    assert.equal(committed.seq, before.seq + 1);
  });
});
