// checkpoint-audit, audit-public-key, verify-audit and prune-audit as an administrator and an auditor
// run them: real subprocesses on a temp DATA_DIR whose keys the console created.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { appendAuditEvent, listAuditEvents } from '../../lib/audit';
import { loadOrCreateAuditKeyFile } from '../../lib/audit/chain/audit-key';
import { checkpointFromJson, checkpointText } from '../../lib/audit/chain/checkpoint-format';
import { createAuditCheckpoint } from '../../lib/audit/chain/create-checkpoint';
import { signingKeyFromSeed, verifyTextSignature } from '../../lib/audit/chain/signing-key';
import { AUDIT_RETENTION_KEY } from '../../lib/audit/retention/retention-setting';
import { SYSTEM_ACTOR } from '../../lib/auth/actor';
import { openTestDatabase, type TestDatabase } from '../helpers/databases/test-database';
import { dropAppendOnlyTriggers, seedEvents } from './audit-chain-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';
import { runAdminCommand, type CommandRun } from '../helpers/admin-command';

const DAY = 86_400_000;

describeEachDatabase('checkpoint-audit, audit-public-key and prune-audit from the command line', (kind) => {
  let database: TestDatabase;
  let dataDir: string;
  before(async () => {
    database = await openTestDatabase(kind);
    dataDir = database.dir;
  });
  after(() => database.dispose());

  function admin(command: string, env: Readonly<Record<string, string>> = {}): Promise<CommandRun> {
    return runAdminCommand([command], { env: { DATA_DIR: dataDir, DATABASE_URL: database.url, AUDIT_HMAC_KEY: '', AUDIT_SIGNING_KEY: '', ...env } });
  }

  const withDb = <T>(run: (db: TestDatabase['db']) => Promise<T>): Promise<T> => run(database.db);

  test('checkpoint-audit prints a signed checkpoint that the printed public key verifies; verify-audit names it, then catches the newest rows deleted', async () => {
    await withDb((db) => seedEvents(db, loadOrCreateAuditKeyFile(dataDir), 9));
    const before = await admin('verify-audit');
    assert.equal(before.code, 0, before.stderr);
    assert.match(before.stdout, /No signed checkpoint yet: rows removed from the end of the log cannot be detected until one exists/);
    assert.equal((await admin('audit-public-key')).code, 1, 'no key is minted by a command that only reads it');

    const made = await admin('checkpoint-audit');
    assert.equal(made.code, 0, made.stderr);
    const checkpoint = checkpointFromJson(made.stdout.trim());
    assert.ok(checkpoint, made.stdout);
    assert.deepEqual([checkpoint.seq, checkpoint.reason], [10, 'on-demand']);
    assert.match(checkpoint.requestedBy ?? '', /^cli:/);
    const pem = await admin('audit-public-key');
    assert.equal(pem.code, 0, pem.stderr);
    assert.match(pem.stdout, /^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
    assert.ok(verifyTextSignature(pem.stdout, checkpointText(checkpoint), checkpoint.signature), 'an auditor verifies with the PEM alone');
    assert.equal(readFileSync(path.join(dataDir, 'audit-checkpoints.jsonl'), 'utf8'), made.stdout);
    const event = await withDb(async (db) => (await listAuditEvents(db, { action: 'audit.checkpoint' }, { limit: 1 })).items[0]);
    assert.deepEqual([event?.seq, event?.authMethod, event?.details?.checkpointId], [10, 'cli', checkpoint.id]);

    const sound = await admin('verify-audit');
    assert.equal(sound.code, 0, sound.stderr);
    assert.match(sound.stdout, /^Audit log OK: 10 events \(seq 1–10\)/);
    assert.ok(sound.stdout.includes(`Last checkpoint: seq 10 at ${new Date(checkpoint.at).toISOString()}`), sound.stdout);
    assert.doesNotMatch(sound.stdout, /cannot be detected/);

    await withDb(async (db) => {
      await dropAppendOnlyTriggers(db);
      await sql`DELETE FROM audit_events WHERE seq >= 8`.execute(db);
    });
    const truncated = await admin('verify-audit');
    assert.equal(truncated.code, 1);
    assert.equal(
      truncated.stderr.trim(),
      `Audit log problem: seq 8 truncated: rows after seq 7 are missing: checkpoint signed ${new Date(checkpoint.at).toISOString()} covers seq 10.`,
    );
  });

  test('prune-audit keeps everything by default; with a retention set it removes the old segment, audited as cli, and verify-audit accepts the shorter log', async () => {
    // A console of its own: a new database and data folder, so new keys.
    await database.dispose();
    database = await openTestDatabase(kind);
    dataDir = database.dir;
    const seed = randomBytes(32).toString('base64url');
    const keys = { hmacKey: loadOrCreateAuditKeyFile(dataDir), signingKey: signingKeyFromSeed(seed), checkpointFile: path.join(dataDir, 'audit-checkpoints.jsonl') };
    const old = Date.now() - 10 * DAY;
    await withDb(async (db) => {
      for (let i = 0; i < 6; i += 1) await appendAuditEvent(db, { action: 'call.track', actor: SYSTEM_ACTOR }, () => old + i, { key: keys.hmacKey });
      await createAuditCheckpoint(db, { ...keys, clock: () => old + 10, reason: 'periodic' });
      await appendAuditEvent(db, { action: 'call.track', actor: SYSTEM_ACTOR }, Date.now, { key: keys.hmacKey });
    });
    const forever = await admin('prune-audit', { AUDIT_SIGNING_KEY: seed });
    assert.equal(forever.code, 0, forever.stderr);
    assert.match(forever.stdout, /Nothing pruned: audit events are kept forever/);

    // Stored directly: saveAuditRetention would audit with this test process's key, not the data folder's
    // (audit-retention.test.ts covers the setting itself).
    await withDb((db) => db.insertInto('settings').values({ key: AUDIT_RETENTION_KEY, value: JSON.stringify({ days: 7 }), updated_at: Date.now(), updated_by: null }).execute());
    const pruned = await admin('prune-audit', { AUDIT_SIGNING_KEY: seed });
    assert.equal(pruned.code, 0, pruned.stderr);
    assert.match(pruned.stdout, /^Pruned 6 audit event\(s\) through seq 6 \(older than 7 day\(s\)\)/);
    const event = await withDb(async (db) => (await listAuditEvents(db, { action: 'audit.pruned' }, { limit: 1 })).items[0]);
    assert.deepEqual([event?.authMethod, event?.details?.throughSeq, event?.details?.removed], ['cli', 6, 6]);

    const verified = await admin('verify-audit', { AUDIT_SIGNING_KEY: seed });
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /^Audit log OK: 2 events \(seq 7–8\)/);
    assert.match(verified.stdout, /Rows up to seq 6 were removed by a recorded retention prune; the chain is verified from seq 7\./);
  });
});
