// Retention: the setting, and pruning whole old segments that end at a signed checkpoint, through
// the trigger's permit, audited, leaving a log that verifies — and nothing an attacker can imitate.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { appendAuditEvent, listAuditEvents, type AuditEventInput } from '../../lib/audit';
import type { AuditKey } from '../../lib/audit/chain/audit-key';
import { createAuditCheckpoint } from '../../lib/audit/chain/create-checkpoint';
import { verifyAuditLog } from '../../lib/audit/chain/verify-log';
import { pruneAuditLog } from '../../lib/audit/retention/prune-audit-log';
import { getAuditRetention, saveAuditRetention } from '../../lib/audit/retention/retention-setting';
import { checkAuditRows, readAuditRows } from '../../lib/cli/admin/verify-audit-log';
import type { Database } from '../../lib/db/schema';
import { dropAppendOnlyTriggers, integrityFor } from './audit-chain-harness';
import { person, type TestDatabase } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';
import { openTestDatabase } from '../helpers/databases/test-database';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-27T10:00:00.000Z');
const operator = person('operator', 'olivia');
const admin = person('admin', 'ada');

async function appendAt(db: Kysely<Database>, key: AuditKey, at: number, input: Partial<AuditEventInput> = {}): Promise<number> {
  const event = await appendAuditEvent(db, { action: 'call.track', actor: operator, ...input }, () => at, { key });
  return event.seq;
}

describeEachDatabase('audit retention and pruning', (kind) => {
  let database: TestDatabase;
  let keys: ReturnType<typeof integrityFor>;
  const at = (time: number) => ({ ...keys, clock: () => time });

  /** seq 1–10 forty days old, checkpoint at 10; 11–15 thirty-five days old, checkpoint at 15; 16–20 from yesterday. */
  async function seedSegments(): Promise<void> {
    for (let i = 0; i < 10; i += 1) await appendAt(database.db, keys.hmacKey, NOW - 40 * DAY + i);
    await createAuditCheckpoint(database.db, { ...at(NOW - 40 * DAY + 100), reason: 'periodic' });
    for (let i = 0; i < 5; i += 1) await appendAt(database.db, keys.hmacKey, NOW - 35 * DAY + i);
    await createAuditCheckpoint(database.db, { ...at(NOW - 35 * DAY + 100), reason: 'periodic' });
    for (let i = 0; i < 5; i += 1) await appendAt(database.db, keys.hmacKey, NOW - DAY + i);
  }

  const firstSeq = async () => Number((await database.db.selectFrom('audit_events').select('seq').orderBy('seq').limit(1).executeTakeFirstOrThrow()).seq);

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    keys = integrityFor(database.dir);
  });
  afterEach(() => database.dispose());

  it('keeps everything by default, and an administrator sets the days: stored and audited once with the old and the new value', async () => {
    assert.deepEqual(await getAuditRetention(database.db), { days: 0 });
    await seedSegments();
    assert.deepEqual((await pruneAuditLog(database.db, at(NOW))).ok && (await firstSeq()), 1);

    const saved = await saveAuditRetention({ db: database.db }, admin, { days: '30' });
    assert.ok(saved.ok);
    assert.equal(saved.data.changed, true);
    const again = await saveAuditRetention({ db: database.db }, admin, { days: 30 });
    assert.equal(again.ok && again.data.changed, false);
    const events = await listAuditEvents(database.db, { action: 'settings.audit_retention' }, { limit: 5 });
    assert.equal(events.items.length, 1);
    assert.deepEqual(events.items[0]?.details, { old: { days: 0 }, new: { days: 30 } });
  });

  it('bad input is refused with a sentence for the field and changes nothing; below admin it is refused and audited', async () => {
    await saveAuditRetention({ db: database.db }, admin, { days: '90' });
    for (const days of ['a month', '-1', '1.5', '40000']) {
      const refused = await saveAuditRetention({ db: database.db }, admin, { days });
      assert.ok(!refused.ok, days);
      assert.equal(refused.error.code, 'invalid-input');
      assert.equal(refused.error.fieldErrors?.days, 'Keep audit events for: a whole number of days from 1 to 36500, or 0 (or empty) to keep them forever.');
    }
    assert.deepEqual(await getAuditRetention(database.db), { days: 90 });
    const denied = await saveAuditRetention({ db: database.db }, operator, { days: '1' });
    assert.deepEqual(denied.ok ? null : denied.error.code, 'forbidden');
    assert.deepEqual(await getAuditRetention(database.db), { days: 90 });
    assert.equal((await listAuditEvents(database.db, { action: 'settings.audit_retention', outcome: 'denied' }, { limit: 5 })).items[0]?.actorEmail, operator.email);
    const blank = await saveAuditRetention({ db: database.db }, admin, { days: '' });
    assert.ok(blank.ok);
    assert.deepEqual(await getAuditRetention(database.db), { days: 0 });
  });

  it('a prune removes the whole old segments up to the newest checkpoint entirely older than the cutoff, is audited, and leaves a log that verifies', async () => {
    await seedSegments();
    const result = await pruneAuditLog(database.db, { ...at(NOW), days: 30 });
    assert.ok(result.ok && result.data.pruned, JSON.stringify(result));
    assert.deepEqual([result.data.throughSeq, result.data.removed], [15, 15]);
    assert.equal(await firstSeq(), 16);

    const [event] = (await listAuditEvents(database.db, { action: 'audit.pruned' }, { limit: 5 })).items;
    assert.equal(event?.authMethod, 'system');
    assert.deepEqual(event?.details, {
      throughSeq: 15,
      checkpointId: result.data.checkpoint.id,
      checkpointHash: result.data.checkpoint.hash,
      removed: 15,
      retentionDays: 30,
      cutoff: new Date(NOW - 30 * DAY).toISOString(),
    });
    const reasons = await database.db.selectFrom('audit_checkpoints').select('reason').orderBy('seq').execute();
    assert.deepEqual(reasons.map((r) => r.reason), ['periodic', 'periodic', 'before-prune']);

    const verified = await verifyAuditLog(database.db, keys);
    assert.ok(verified.ok, JSON.stringify(verified));
    assert.deepEqual([verified.prunedThrough, verified.count, verified.headSeq], [15, 6, 21]);
    assert.equal((await database.db.selectFrom('audit_prune_permits').selectAll().execute()).length, 0);
    await assert.rejects(sql`DELETE FROM audit_events WHERE seq = 16`.execute(database.db), /append-only/);
  });

  it('never removes rows newer than the cutoff: a segment with one newer row stays whole', async () => {
    await seedSegments();
    const result = await pruneAuditLog(database.db, { ...at(NOW), days: 38 });
    assert.ok(result.ok && result.data.pruned);
    assert.equal(result.data.throughSeq, 10);
    const kept = await database.db.selectFrom('audit_events').select('at').where('action', '!=', 'audit.pruned').execute();
    assert.ok(kept.every((row) => Number(row.at) >= NOW - 38 * DAY));
    const nothing = await pruneAuditLog(database.db, { ...at(NOW), days: 38 });
    assert.deepEqual(nothing.ok && nothing.data, { pruned: false, why: 'nothing-prunable', retentionDays: 38 });
  });

  it('an open disconnect attempt keeps its request; a request whose completion is kept may go, and the pair check accepts the lone completion', async () => {
    await appendAt(database.db, keys.hmacKey, NOW - 40 * DAY, { action: 'disconnect.requested', attemptId: 'open', targetCallId: 'c1' });
    for (let i = 0; i < 4; i += 1) await appendAt(database.db, keys.hmacKey, NOW - 40 * DAY + i);
    await createAuditCheckpoint(database.db, { ...at(NOW - 40 * DAY + 100), reason: 'periodic' });
    const blocked = await pruneAuditLog(database.db, { ...at(NOW), days: 30 });
    assert.deepEqual(blocked.ok && blocked.data.pruned, false);
    assert.equal(await firstSeq(), 1);

    await appendAt(database.db, keys.hmacKey, NOW - 39 * DAY, { action: 'disconnect.completed', attemptId: 'open', outcome: 'unknown' });
    await appendAt(database.db, keys.hmacKey, NOW - 39 * DAY, { action: 'disconnect.requested', attemptId: 'late', targetCallId: 'c2' });
    await createAuditCheckpoint(database.db, { ...at(NOW - 39 * DAY + 100), reason: 'periodic' });
    await appendAt(database.db, keys.hmacKey, NOW - DAY, { action: 'disconnect.completed', attemptId: 'late', outcome: 'confirmed' });
    const pruned = await pruneAuditLog(database.db, { ...at(NOW), days: 30 });
    assert.ok(pruned.ok && pruned.data.pruned);
    assert.equal(pruned.data.throughSeq, 7);

    const verified = await verifyAuditLog(database.db, keys);
    assert.ok(verified.ok, JSON.stringify(verified));
    const pairs = await checkAuditRows(readAuditRows(database.db), { prunedThrough: verified.prunedThrough });
    assert.deepEqual([pairs.problem, pairs.completedAfterPrune, pairs.open], [null, 1, 0]);
    const strict = await checkAuditRows(readAuditRows(database.db));
    assert.match(strict.problem ?? '', /disconnect\.completed for attempt late has no disconnect\.requested/);
  });

  it('deleting more than a pruned segment is caught as missing, from the end of the real prune', async () => {
    await seedSegments();
    await pruneAuditLog(database.db, { ...at(NOW), days: 30 });
    await dropAppendOnlyTriggers(database.db);
    await sql`DELETE FROM audit_events WHERE seq IN (16, 17)`.execute(database.db);
    const result = await verifyAuditLog(database.db, keys);
    assert.ok(!result.ok);
    assert.deepEqual([result.firstBadSeq, result.problem], [16, 'missing']);
    assert.match(result.detail, /^seq 16–17 are missing: the log starts at seq 18, and no checkpoint signed with this console's key vouches for seq 17/);
  });

  it('cutting the log at a checkpoint without a recorded prune is caught: the checkpoint alone is not a licence', async () => {
    await seedSegments();
    await dropAppendOnlyTriggers(database.db);
    await sql`DELETE FROM audit_events WHERE seq <= 10`.execute(database.db);
    const result = await verifyAuditLog(database.db, keys);
    assert.ok(!result.ok);
    assert.deepEqual([result.firstBadSeq, result.problem], [1, 'missing']);
    assert.match(result.detail, /no audit\.pruned event records a retention prune through seq 10/);
  });

  it('a log that fails verification is not pruned: that would destroy the evidence', async () => {
    await seedSegments();
    await dropAppendOnlyTriggers(database.db);
    await sql`UPDATE audit_events SET reason = 'covered up' WHERE seq = 3`.execute(database.db);
    const result = await pruneAuditLog(database.db, { ...at(NOW), days: 30 });
    assert.ok(!result.ok);
    assert.match(result.error.message, /Nothing was pruned: the audit log failed verification at seq 3 \(edited\)/);
    assert.equal(await firstSeq(), 1);
  });
});
