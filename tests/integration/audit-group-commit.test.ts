// inAuditTransaction: work that arrives together is committed together on SQLite (one wait for the
// disk), yet each piece stands alone: one that throws leaves no trace, the others commit, nobody
// hears back before the commit, and the hash chain has no gap.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { appendAuditEvent, inAuditTransaction } from '../../lib/audit';
import { verifyAuditChain } from '../../lib/audit/chain/verify-chain';
import type { OpenDatabase } from '../../lib/db/open-database';
import { testKey } from './audit-chain-harness';
import { person, type TestDatabase } from './calls-harness';
import { describeEachDatabase, describeForDatabase } from '../helpers/databases/each-database';
import { openTestDatabase } from '../helpers/databases/test-database';

const actor = person('operator');

describeEachDatabase('audit transactions started together', (kind) => {
  const key = testKey();
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
  });
  afterEach(() => database.dispose());

  it('one that throws is undone alone: the others commit, and the chain verifies without a gap', async () => {
    const append = (i: number, fail: boolean) =>
      inAuditTransaction(database.db, async (trx) => {
        await trx.insertInto('meta').values({ key: `job-${i}`, value: String(i) }).execute();
        const event = await appendAuditEvent(trx, { action: 'call.track', actor, details: { i } }, Date.now, { key });
        if (fail) throw new Error(`job ${i} gave up`);
        return event.seq;
      });
    const results = await Promise.allSettled([append(1, false), append(2, true), append(3, false), append(4, true), append(5, false)]);
    assert.deepEqual(
      results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
      [1, 'job 2 gave up', 2, 'job 4 gave up', 3],
    );
    const meta = await database.db.selectFrom('meta').select('key').where('key', 'like', 'job-%').orderBy('key').execute();
    assert.deepEqual(meta.map((row) => row.key), ['job-1', 'job-3', 'job-5']);
    const verified = await verifyAuditChain(database.db, key);
    assert.deepEqual(verified.ok ? [verified.count, verified.headSeq] : verified, [3, 3]);
  });
});

describeForDatabase('sqlite', 'audit transactions started together share a commit', () => {
  let database: TestDatabase;
  let reader: OpenDatabase;
  beforeEach(async () => {
    database = await openTestDatabase('sqlite');
    reader = await database.open();
  });
  afterEach(() => database.dispose());

  const committed = async (name: string) =>
    (await reader.db.selectFrom('meta').select('key').where('key', '=', name).executeTakeFirst()) !== undefined;

  it('none is visible to another connection before it, and each resolves only after it', async () => {
    const seenByOthers: boolean[] = [];
    const write = (name: string, peek: boolean) =>
      inAuditTransaction(database.db, async (trx) => {
        await trx.insertInto('meta').values({ key: name, value: '1' }).execute();
        // Inside the last one: the first one's row is written but not committed yet.
        if (peek) seenByOthers.push(await committed('together-1'));
        return name;
      });
    const first = write('together-1', false).then(async (name) => ({ name, visible: await committed(name) }));
    const rest = [write('together-2', false), write('together-3', true)];
    assert.deepEqual(await first, { name: 'together-1', visible: true });
    assert.deepEqual(await Promise.all(rest), ['together-2', 'together-3']);
    assert.deepEqual(seenByOthers, [false], 'the first one was not committed on its own before the last one ran');
  });
});
