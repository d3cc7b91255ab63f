// The runtime's audit maintenance on a real database with real timers: the periodic checkpoint, and
// the background verification that records its result in `meta` and raises the alarm on tampering.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { sql } from 'kysely';
import { createAuditCheckpoint } from '../../lib/audit/chain/create-checkpoint';
import { checkAuditLog } from '../../lib/audit/integrity/check-audit-log';
import { startAuditMaintenance, type AuditMaintenance } from '../../lib/audit/integrity/start-audit-maintenance';
import { readVerificationStatus, type VerificationStatus } from '../../lib/audit/integrity/verification-status';
import { dropAppendOnlyTriggers, integrityFor, seedEvents } from './audit-chain-harness';
import { eventually, type TestDatabase } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';
import { openTestDatabase } from '../helpers/databases/test-database';

describeEachDatabase('the background audit check', (kind) => {
  let database: TestDatabase;
  let keys: ReturnType<typeof integrityFor>;
  let maintenance: AuditMaintenance | undefined;
  let errors: string[];
  let infos: string[];
  beforeEach(async () => {
    database = await openTestDatabase(kind);
    keys = integrityFor(database.dir);
    errors = [];
    infos = [];
    await seedEvents(database.db, keys.hmacKey, 8);
  });
  afterEach(async () => {
    await maintenance?.stop();
    maintenance = undefined;
    await database.dispose();
  });

  const status = () => readVerificationStatus(database.db);
  const log = { logError: (line: string) => errors.push(line), logInfo: (line: string) => infos.push(line) };

  it('signs a checkpoint and records "verified up to the head" at start, then records the alarm once the database is tampered with', async () => {
    maintenance = startAuditMaintenance(database.db, { ...keys, ...log, checkpointIntervalMs: 50, verifyIntervalMs: 50 });
    const first = await eventually(status, (s) => s?.ok === true);
    assert.equal(first?.verifiedUpToSeq, 8);
    const head = await database.db.selectFrom('audit_events').select('hash').where('seq', '=', 8).executeTakeFirstOrThrow();
    assert.equal(first?.headHash, head.hash);
    const checkpoints = await database.db.selectFrom('audit_checkpoints').select(['seq', 'reason']).execute();
    assert.deepEqual(checkpoints, [{ seq: 8, reason: 'periodic' }]);

    await dropAppendOnlyTriggers(database.db);
    await sql`UPDATE audit_events SET reason = 'nothing happened' WHERE seq = 5`.execute(database.db);
    const alarm = await eventually(status, (s) => s?.ok === false);
    assert.deepEqual(alarm?.problem && [alarm.problem.seq, alarm.problem.code], [5, 'edited']);
    assert.equal(alarm?.verifiedUpToSeq, 4);
    // Later rounds find the same problem: the server log got it once, not every interval.
    await eventually(status, (s) => s !== null && s.at > (alarm?.at ?? 0) + 100);
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0] ?? '', /AUDIT LOG ALARM: the audit log failed verification at seq 5 \(edited\)/);
  });

  it('a truncated log raises the alarm too, and a log that verifies again is reported once', async () => {
    await createAuditCheckpoint(database.db, { ...keys, reason: 'periodic' });
    await dropAppendOnlyTriggers(database.db);
    const removed = await database.db.selectFrom('audit_events').selectAll().where('seq', '>', 6).execute();
    await sql`DELETE FROM audit_events WHERE seq > 6`.execute(database.db);
    const broken: VerificationStatus = await checkAuditLog(database.db, { ...keys, ...log });
    assert.deepEqual(broken.problem && [broken.problem.seq, broken.problem.code], [7, 'truncated']);
    assert.deepEqual(await status(), broken);
    await checkAuditLog(database.db, { ...keys, ...log });
    assert.equal(errors.length, 1);

    await database.db.insertInto('audit_events').values(removed).execute();
    const restored = await checkAuditLog(database.db, { ...keys, ...log });
    assert.deepEqual([restored.ok, restored.verifiedUpToSeq], [true, 8]);
    assert.deepEqual(infos, ['The audit log verifies again, up to seq 8.']);
  });
});
