// `npm run --silent admin -- verify-audit` as an auditor runs it, on a temp DATA_DIR whose key file
// the console created.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { loadOrCreateAuditKeyFile } from '../../lib/audit/chain/audit-key';
import { verifyAuditChain } from '../../lib/audit/chain/verify-chain';
import { openTestDatabase, type TestDatabase } from '../helpers/databases/test-database';
import { dropAppendOnlyTriggers, seedEvents } from './audit-chain-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';
import { runAdminCommand, type CommandRun } from '../helpers/admin-command';

describeEachDatabase('verify-audit from the command line', (kind) => {
  let database: TestDatabase;
  let dataDir: string;
  before(async () => {
    database = await openTestDatabase(kind);
    dataDir = database.dir;
  });
  after(() => database.dispose());

  function verifyAudit(env: Readonly<Record<string, string>> = {}): Promise<CommandRun> {
    return runAdminCommand(['verify-audit'], { env: { DATA_DIR: dataDir, DATABASE_URL: database.url, AUDIT_HMAC_KEY: '', ...env }, viaNpm: true });
  }

  const withDb = <T>(run: (db: TestDatabase['db']) => Promise<T>): Promise<T> => run(database.db);

  test('verify-audit exits 0 printing the count and the head hash, then non-zero naming the first bad seq and what is wrong', async () => {
    const key = loadOrCreateAuditKeyFile(dataDir);
    const sound = await withDb(async (db) => {
      await seedEvents(db, key, 9);
      return verifyAuditChain(db, key);
    });
    assert.ok(sound.ok);
    const ok = await verifyAudit();
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^Audit log OK: 9 events \(seq 1–9\)/);
    assert.ok(ok.stdout.includes(`Chain head: seq 9, hash ${sound.headHash}`), ok.stdout);

    const wrongKey = await verifyAudit({ AUDIT_HMAC_KEY: 'x'.repeat(40) });
    assert.equal(wrongKey.code, 1);
    assert.match(wrongKey.stderr, /Audit log problem: seq 1 edited/);

    await withDb(async (db) => {
      await dropAppendOnlyTriggers(db);
      await sql`UPDATE audit_events SET reason = 'covered up' WHERE seq = 5`.execute(db);
    });
    const edited = await verifyAudit();
    assert.equal(edited.code, 1);
    assert.match(edited.stderr, /Audit log problem: seq 5 edited: /);
    assert.equal(edited.stdout, '');

    await withDb((db) => sql`DELETE FROM audit_events WHERE seq IN (3, 4, 5)`.execute(db));
    const missing = await verifyAudit();
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Audit log problem: seq 3 missing: seq 3–5 are missing/);
  });

  test('verify-audit refuses to vouch for a log when the key is gone, rather than minting a new one', async () => {
    rmSync(path.join(dataDir, 'audit-hmac-key'));
    const result = await verifyAudit();
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no audit key was found/);
  });
});
