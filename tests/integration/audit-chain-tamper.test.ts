import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { sql } from 'kysely';
import { appendAuditEvent } from '../../lib/audit';
import { computeAuditHash } from '../../lib/audit/chain/audit-hash';
import { verifyAuditChain } from '../../lib/audit/chain/verify-chain';
import { dropAppendOnlyTriggers, seedEvents, testKey } from './audit-chain-harness';
import { person, type TestDatabase } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';
import { openTestDatabase } from '../helpers/databases/test-database';

describeEachDatabase('the audit hash chain against someone who can edit the database but not read the key', (kind) => {
  const key = testKey();
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
    await seedEvents(database.db, key, 12);
  });
  afterEach(() => database.dispose());

  it('a fresh chain verifies, naming the count and the head row and hash', async () => {
    const head = await database.db.selectFrom('audit_events').select(['seq', 'hash']).where('seq', '=', 12).executeTakeFirstOrThrow();
    const result = await verifyAuditChain(database.db, key);
    assert.deepEqual(result, { ok: true, count: 12, headSeq: 12, headHash: head.hash, predatesChain: null });
    assert.match(head.hash ?? '', /^[0-9a-f]{64}$/);
  });

  it('every row links to the one before it, starting from the all-zero genesis hash', async () => {
    const rows = await database.db.selectFrom('audit_events').select(['seq', 'prev_hash', 'hash']).orderBy('seq').execute();
    assert.equal(rows[0]?.prev_hash, '0'.repeat(64));
    for (let i = 1; i < rows.length; i += 1) assert.equal(rows[i]?.prev_hash, rows[i - 1]?.hash);
  });

  it("an edited reason is found as 'edited' at that seq", async () => {
    await dropAppendOnlyTriggers(database.db);
    await sql`UPDATE audit_events SET reason = 'nothing to see' WHERE seq = 5`.execute(database.db);
    const result = await verifyAuditChain(database.db, key);
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.firstBadSeq, 5);
    assert.equal(result.problem, 'edited');
  });

  it("an edit to any other column (the time, a latency, the details) is found as 'edited' too", async () => {
    await dropAppendOnlyTriggers(database.db);
    await sql`UPDATE audit_events SET at = at + 1 WHERE seq = 3`.execute(database.db);
    await sql`UPDATE audit_events SET um_latency_ms = 1 WHERE seq = 6`.execute(database.db);
    await sql`UPDATE audit_events SET details = '{"via":"api","i":10}' WHERE seq = 10`.execute(database.db);
    const result = await verifyAuditChain(database.db, key);
    assert.deepEqual(result.ok ? null : [result.firstBadSeq, result.problem], [3, 'edited']);
  });

  it("a deleted middle row is found as 'missing' at its seq", async () => {
    await dropAppendOnlyTriggers(database.db);
    await sql`DELETE FROM audit_events WHERE seq = 7`.execute(database.db);
    const result = await verifyAuditChain(database.db, key);
    assert.deepEqual(result.ok ? null : [result.firstBadSeq, result.problem], [7, 'missing']);
  });

  it("deleting the oldest row is found as 'missing' at seq 1", async () => {
    await dropAppendOnlyTriggers(database.db);
    await sql`DELETE FROM audit_events WHERE seq = 1`.execute(database.db);
    const result = await verifyAuditChain(database.db, key);
    assert.deepEqual(result.ok ? null : [result.firstBadSeq, result.problem], [1, 'missing']);
  });

  it('deleting the newest rows is invisible to the chain alone (verifyAuditLog holds it against the signed checkpoints)', async () => {
    await dropAppendOnlyTriggers(database.db);
    await sql`DELETE FROM audit_events WHERE seq > 9`.execute(database.db);
    const result = await verifyAuditChain(database.db, key);
    // Honest about the limit: the chain alone cannot know it was longer; audit-checkpoints.test.ts shows the checkpoint catching it.
    assert.equal(result.ok, true);
    assert.ok(result.ok);
    assert.equal(result.count, 9);
    assert.equal(result.headSeq, 9);
  });

  it("swapping two rows' contents (hashes and all) is found as 'reordered' at the first of them", async () => {
    await dropAppendOnlyTriggers(database.db);
    await sql`UPDATE audit_events SET seq = -4 WHERE seq = 4`.execute(database.db);
    await sql`UPDATE audit_events SET seq = 4 WHERE seq = 9`.execute(database.db);
    await sql`UPDATE audit_events SET seq = 9 WHERE seq = -4`.execute(database.db);
    const result = await verifyAuditChain(database.db, key);
    assert.ok(!result.ok);
    assert.deepEqual([result.firstBadSeq, result.problem], [4, 'reordered']);
    assert.match(result.detail, /written as seq 9/);
  });

  it("swapping two rows' contents but leaving their hashes in place is found as 'edited'", async () => {
    await dropAppendOnlyTriggers(database.db);
    await sql`UPDATE audit_events SET reason = (SELECT reason FROM audit_events WHERE seq = 8), target_call_id = 'call-8' WHERE seq = 5`.execute(database.db);
    const result = await verifyAuditChain(database.db, key);
    assert.deepEqual(result.ok ? null : [result.firstBadSeq, result.problem], [5, 'edited']);
  });

  it('an edited row re-hashed with a guessed key is still found: the chain needs the real key', async () => {
    await dropAppendOnlyTriggers(database.db);
    const forgery = testKey();
    const rows = await database.db.selectFrom('audit_events').selectAll().where('seq', '>=', 6).orderBy('seq').execute();
    let prev = rows[0]?.prev_hash ?? '';
    // The forger rewrites the whole tail consistently, with the key they have.
    for (const row of rows) {
      const edited = { ...row, reason: row.seq === 6 ? 'forged' : row.reason };
      const hash = computeAuditHash(forgery, prev, edited);
      await sql`UPDATE audit_events SET reason = ${edited.reason}, prev_hash = ${prev}, hash = ${hash} WHERE seq = ${row.seq}`.execute(database.db);
      prev = hash;
    }
    const result = await verifyAuditChain(database.db, key);
    assert.deepEqual(result.ok ? null : [result.firstBadSeq, result.problem], [6, 'edited']);
  });

  it("a row whose prev_hash points elsewhere, though its own hash is right, is a 'broken-link'", async () => {
    await dropAppendOnlyTriggers(database.db);
    // Only someone holding the key could do this; it is what a forked or spliced chain looks like.
    const row = await database.db.selectFrom('audit_events').selectAll().where('seq', '=', 8).executeTakeFirstOrThrow();
    const otherPrev = 'f'.repeat(64);
    const hash = computeAuditHash(key, otherPrev, row);
    await sql`UPDATE audit_events SET prev_hash = ${otherPrev}, hash = ${hash} WHERE seq = 8`.execute(database.db);
    const result = await verifyAuditChain(database.db, key);
    assert.deepEqual(result.ok ? null : [result.firstBadSeq, result.problem], [8, 'broken-link']);
  });

  it('rows written before the chain existed are named, and the chain starts at the first hashed row', async () => {
    const legacy = await openTestDatabase(kind);
    try {
      for (const seq of [1, 2, 3]) {
        await sql`INSERT INTO audit_events (seq, at, auth_method, action) VALUES (${seq}, ${Date.now()}, 'system', 'call.track')`.execute(legacy.db);
      }
      const first = await appendAuditEvent(legacy.db, { action: 'call.track', actor: person('operator') }, Date.now, { key });
      await appendAuditEvent(legacy.db, { action: 'call.track', actor: person('operator') }, Date.now, { key });
      assert.equal(first.seq, 4);
      const result = await verifyAuditChain(legacy.db, key);
      assert.ok(result.ok);
      assert.deepEqual([result.count, result.headSeq, result.predatesChain], [5, 5, { firstSeq: 1, lastSeq: 3 }]);
    } finally {
      await legacy.dispose();
    }
  });

  it("a hashed row that loses its hash is found as 'edited'", async () => {
    await dropAppendOnlyTriggers(database.db);
    await sql`UPDATE audit_events SET hash = NULL, prev_hash = NULL WHERE seq = 11`.execute(database.db);
    const result = await verifyAuditChain(database.db, key);
    assert.deepEqual(result.ok ? null : [result.firstBadSeq, result.problem], [11, 'edited']);
  });

  it('walks a log larger than one batch and still names the right seq', async () => {
    await seedEvents(database.db, key, 40);
    assert.equal((await verifyAuditChain(database.db, key, 7)).ok, true);
    await dropAppendOnlyTriggers(database.db);
    await sql`UPDATE audit_events SET reason = 'late edit' WHERE seq = 37`.execute(database.db);
    const result = await verifyAuditChain(database.db, key, 7);
    assert.deepEqual(result.ok ? null : [result.firstBadSeq, result.problem], [37, 'edited']);
  });
});
