// Signed checkpoints against someone who can edit the database (triggers and all) but holds neither
// key nor the checkpoint file: deleting the newest rows, deleting checkpoint rows, forging them.
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { afterEach, beforeEach, it } from 'node:test';
import { sql } from 'kysely';
import { appendAuditEvent, listAuditEvents } from '../../lib/audit';
import { checkpointText, checkpointToJson, signCheckpoint } from '../../lib/audit/chain/checkpoint-format';
import { insertCheckpoint } from '../../lib/audit/chain/checkpoint-store';
import { createAuditCheckpoint } from '../../lib/audit/chain/create-checkpoint';
import { verifyTextSignature } from '../../lib/audit/chain/signing-key';
import { verifyAuditLog } from '../../lib/audit/chain/verify-log';
import { requestAuditCheckpoint } from '../../lib/audit/request-checkpoint';
import { dropAppendOnlyTriggers, integrityFor, seedEvents, testSigningKey } from './audit-chain-harness';
import { person, type TestDatabase } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';
import { openTestDatabase } from '../helpers/databases/test-database';

describeEachDatabase('signed audit checkpoints', (kind) => {
  let database: TestDatabase;
  let keys: ReturnType<typeof integrityFor>;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
    keys = integrityFor(database.dir);
    await seedEvents(database.db, keys.hmacKey, 12);
  });
  afterEach(() => database.dispose());

  const headOf = (seq: number) => database.db.selectFrom('audit_events').select(['seq', 'hash']).where('seq', '=', seq).executeTakeFirstOrThrow();
  const fileLines = () => readFileSync(keys.checkpointFile, 'utf8').trim().split('\n');

  it('a periodic checkpoint signs the head, in the database and as a line of the file; an unmoved head signs nothing new', async () => {
    const first = await createAuditCheckpoint(database.db, { ...keys, reason: 'periodic' });
    assert.equal(first.created, true);
    const checkpoint = first.checkpoint;
    assert.ok(checkpoint);
    assert.deepEqual([checkpoint.seq, checkpoint.hash], [12, (await headOf(12)).hash]);
    assert.equal(checkpoint.keyId, keys.signingKey.keyId);
    assert.ok(verifyTextSignature(keys.signingKey.publicKeyPem, checkpointText(checkpoint), checkpoint.signature));
    assert.equal(checkpointText(checkpoint), JSON.stringify(['audit-checkpoint-v1', 12, checkpoint.hash, new Date(checkpoint.at).toISOString(), checkpoint.keyId]));
    assert.deepEqual(fileLines(), [checkpointToJson(checkpoint)]);

    const again = await createAuditCheckpoint(database.db, { ...keys, reason: 'periodic' });
    assert.deepEqual([again.created, again.checkpoint?.id], [false, checkpoint.id]);
    await seedEvents(database.db, keys.hmacKey, 1);
    const moved = await createAuditCheckpoint(database.db, { ...keys, reason: 'periodic' });
    assert.deepEqual([moved.created, moved.checkpoint?.seq], [true, 13]);
    assert.equal(fileLines().length, 2);
    assert.equal((await database.db.selectFrom('audit_checkpoints').select('id').execute()).length, 2);
  });

  it('an on-demand checkpoint records who asked as audit.checkpoint and covers that very event; below admin it is refused and audited', async () => {
    const admin = person('admin', 'ada');
    const made = await requestAuditCheckpoint(database.db, admin, keys);
    assert.ok(made.ok);
    assert.deepEqual([made.data.seq, made.data.reason, made.data.requestedBy], [13, 'on-demand', admin.email]);
    const [event] = (await listAuditEvents(database.db, { action: 'audit.checkpoint' }, { limit: 5 })).items;
    assert.deepEqual([event?.seq, event?.actorEmail, event?.outcome, event?.details?.checkpointId], [13, admin.email, 'success', made.data.id]);
    assert.equal(made.data.hash, (await headOf(13)).hash);

    const refused = await requestAuditCheckpoint(database.db, person('auditor', 'aude'), keys);
    assert.deepEqual(refused.ok ? null : refused.error.code, 'forbidden');
    const denied = await listAuditEvents(database.db, { action: 'audit.checkpoint', outcome: 'denied' }, { limit: 5 });
    assert.equal(denied.items[0]?.actorEmail, 'aude@contoso.test');
    assert.equal((await database.db.selectFrom('audit_checkpoints').select('id').execute()).length, 1);
  });

  it('a sound log verifies with its count, head and last checkpoint', async () => {
    const { checkpoint } = await createAuditCheckpoint(database.db, { ...keys, reason: 'periodic' });
    await seedEvents(database.db, keys.hmacKey, 3);
    const result = await verifyAuditLog(database.db, keys);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual([result.count, result.headSeq, result.prunedThrough, result.lastCheckpoint?.id], [15, 15, null, checkpoint?.id]);
  });

  it("deleting the newest rows is 'truncated', naming the first missing seq and the checkpoint that covers more", async () => {
    const { checkpoint } = await createAuditCheckpoint(database.db, { ...keys, reason: 'periodic' });
    await dropAppendOnlyTriggers(database.db);
    await sql`DELETE FROM audit_events WHERE seq > 9`.execute(database.db);
    const result = await verifyAuditLog(database.db, keys);
    assert.ok(!result.ok);
    assert.deepEqual([result.firstBadSeq, result.problem], [10, 'truncated']);
    assert.equal(result.detail, `rows after seq 9 are missing: checkpoint signed ${new Date(checkpoint?.at ?? 0).toISOString()} covers seq 12.`);
  });

  it('deleting the checkpoint rows as well does not hide it: the file still holds them (and the rows alone suffice without the file)', async () => {
    await createAuditCheckpoint(database.db, { ...keys, reason: 'periodic' });
    await dropAppendOnlyTriggers(database.db);
    await sql`DELETE FROM audit_events WHERE seq > 10`.execute(database.db);
    await sql`DELETE FROM audit_checkpoints`.execute(database.db);
    const fromFile = await verifyAuditLog(database.db, keys);
    assert.deepEqual(fromFile.ok ? null : [fromFile.firstBadSeq, fromFile.problem], [11, 'truncated']);

    const other = await openTestDatabase(kind);
    try {
      const otherKeys = integrityFor(other.dir, keys.hmacKey, keys.signingKey);
      await seedEvents(other.db, keys.hmacKey, 6);
      await createAuditCheckpoint(other.db, { ...otherKeys, reason: 'periodic' });
      rmSync(otherKeys.checkpointFile);
      await dropAppendOnlyTriggers(other.db);
      await sql`DELETE FROM audit_events WHERE seq = 6`.execute(other.db);
      const fromRows = await verifyAuditLog(other.db, otherKeys);
      assert.deepEqual(fromRows.ok ? null : [fromRows.firstBadSeq, fromRows.problem], [6, 'truncated']);
    } finally {
      await other.dispose();
    }
  });

  it("rows deleted and then written again past the checkpoint no longer match it: 'checkpoint-mismatch' at its seq", async () => {
    await createAuditCheckpoint(database.db, { ...keys, reason: 'periodic' });
    await dropAppendOnlyTriggers(database.db);
    await sql`DELETE FROM audit_events WHERE seq > 9`.execute(database.db);
    // The console goes on appending with the real key: the chain itself is sound again.
    for (let i = 0; i < 5; i += 1) await appendAuditEvent(database.db, { action: 'call.track', actor: person('operator') }, Date.now, { key: keys.hmacKey });
    const result = await verifyAuditLog(database.db, keys);
    assert.deepEqual(result.ok ? null : [result.firstBadSeq, result.problem], [12, 'checkpoint-mismatch']);
  });

  it('a forged checkpoint signature is found, in the database or in the file', async () => {
    const { checkpoint } = await createAuditCheckpoint(database.db, { ...keys, reason: 'periodic' });
    assert.ok(checkpoint);
    // Moving the claim to another seq without the private key leaves the signature wrong.
    await insertCheckpoint(database.db, { ...checkpoint, id: 'forged-row', seq: 11, hash: (await headOf(11)).hash ?? '' });
    const inRows = await verifyAuditLog(database.db, keys);
    assert.ok(!inRows.ok);
    assert.deepEqual([inRows.firstBadSeq, inRows.problem], [11, 'forged-checkpoint']);
    assert.match(inRows.detail, /checkpoint forged-row for seq 11 .* does not carry a valid signature of this console's key/);

    await dropAppendOnlyTriggers(database.db);
    await sql`DELETE FROM audit_checkpoints WHERE id = 'forged-row'`.execute(database.db);
    appendFileSync(keys.checkpointFile, `${checkpointToJson({ ...checkpoint, id: 'forged-line', signature: Buffer.alloc(64, 7).toString('base64') })}\n`);
    const inFile = await verifyAuditLog(database.db, keys);
    assert.deepEqual(inFile.ok ? null : [inFile.firstBadSeq, inFile.problem], [12, 'forged-checkpoint']);
  });

  it('a checkpoint signed by another key is reported as such, naming that key', async () => {
    const stranger = testSigningKey();
    const head = await headOf(12);
    await insertCheckpoint(database.db, signCheckpoint(stranger, { id: 'foreign', seq: 12, hash: head.hash ?? '', at: Date.now(), reason: 'periodic', requestedBy: null }));
    const result = await verifyAuditLog(database.db, keys);
    assert.ok(!result.ok);
    assert.equal(result.problem, 'foreign-checkpoint');
    assert.ok(result.detail.includes(`signed by another key (${stranger.keyId}), not this console's (${keys.signingKey.keyId})`), result.detail);
  });

  it('without the signing key the checkpoints cannot be vouched for, and verification says so', async () => {
    await createAuditCheckpoint(database.db, { ...keys, reason: 'periodic' });
    const result = await verifyAuditLog(database.db, { ...keys, signingKey: undefined });
    assert.deepEqual(result.ok ? null : [result.firstBadSeq, result.problem], [12, 'unverifiable']);
  });

  it('a torn line in the checkpoint file is skipped and counted, not taken for a checkpoint', async () => {
    await createAuditCheckpoint(database.db, { ...keys, reason: 'periodic' });
    appendFileSync(keys.checkpointFile, '{"v":1,"id":"half-writ');
    const result = await verifyAuditLog(database.db, keys);
    assert.ok(result.ok);
    assert.equal(result.unreadableCheckpointLines, 1);
  });

  it('the database refuses to change or delete a checkpoint row', async () => {
    await createAuditCheckpoint(database.db, { ...keys, reason: 'periodic' });
    await assert.rejects(sql`UPDATE audit_checkpoints SET seq = 1`.execute(database.db), /append-only/);
    await assert.rejects(sql`DELETE FROM audit_checkpoints`.execute(database.db), /append-only/);
  });
});
