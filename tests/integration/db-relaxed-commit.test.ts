// withRelaxedCommits: what is written in it is committed like any other write, and on SQLite the
// skipped fsync is confined to it: the connection is back to synchronous=FULL before anybody else
// uses it, also when the work throws, and no durable commit can run while it is relaxed.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { withRelaxedCommits } from '../../lib/db/relaxed-commit';
import type { Database } from '../../lib/db/schema';
import { describeEachDatabase, describeForDatabase } from '../helpers/databases/each-database';
import { openTestDatabase, type TestDatabase } from '../helpers/databases/test-database';

async function metaKeys(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('meta').select('key').where('key', 'like', 'relaxed-%').orderBy('key').execute();
  return rows.map((row) => row.key);
}

/** SQLite's synchronous setting on the connection: 1 NORMAL, 2 FULL. */
async function synchronousOf(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db);
  return Number(rows[0]?.synchronous);
}

describeEachDatabase('commits that need not wait for the disk', (kind) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
  });
  afterEach(() => database.dispose());

  it('a statement and a transaction in it are committed; a transaction that throws leaves nothing', async () => {
    await withRelaxedCommits(database.db, (db) => db.insertInto('meta').values({ key: 'relaxed-1', value: 'statement' }).execute());
    await withRelaxedCommits(database.db, (db) =>
      db.transaction().execute(async (trx) => {
        await trx.insertInto('meta').values({ key: 'relaxed-2', value: 'transaction' }).execute();
        await trx.insertInto('meta').values({ key: 'relaxed-3', value: 'transaction' }).execute();
      }),
    );
    const failed = withRelaxedCommits(database.db, (db) =>
      db.transaction().execute(async (trx) => {
        await trx.insertInto('meta').values({ key: 'relaxed-4', value: 'undone' }).execute();
        throw new Error('gave up');
      }),
    );
    await assert.rejects(failed, /gave up/);
    assert.deepEqual(await metaKeys(database.db), ['relaxed-1', 'relaxed-2', 'relaxed-3']);
  });
});

describeForDatabase('sqlite', 'relaxed commits on SQLite', (kind) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
  });
  afterEach(() => database.dispose());

  it('relaxes synchronous only while the work runs, and restores FULL when it throws', async () => {
    assert.equal(await synchronousOf(database.db), 2);
    assert.equal(await withRelaxedCommits(database.db, (db) => synchronousOf(db)), 1);
    assert.equal(await synchronousOf(database.db), 2);
    await assert.rejects(
      withRelaxedCommits(database.db, async () => {
        throw new Error('gave up');
      }),
      /gave up/,
    );
    assert.equal(await synchronousOf(database.db), 2);
  });

  it('a durable transaction started meanwhile waits for the connection and commits with FULL', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const relaxed = withRelaxedCommits(database.db, async (db) => {
      order.push('relaxed begins');
      await gate;
      await db.insertInto('meta').values({ key: 'relaxed-a', value: 'relaxed' }).execute();
      order.push('relaxed ends');
    });
    const durable = database.db.transaction().execute(async (trx) => {
      order.push('durable begins');
      await trx.insertInto('meta').values({ key: 'relaxed-b', value: 'durable' }).execute();
      return synchronousOf(trx);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(order, ['relaxed begins'], 'the durable transaction waited');
    release();
    const [, synchronousInDurable] = await Promise.all([relaxed, durable]);
    assert.deepEqual(order, ['relaxed begins', 'relaxed ends', 'durable begins']);
    assert.equal(synchronousInDurable, 2);
    assert.deepEqual(await metaKeys(database.db), ['relaxed-a', 'relaxed-b']);
  });

  it('a PRAGMA run again through Kysely takes effect again, so the switch back and forth holds every time', async () => {
    const set = (value: 'NORMAL' | 'FULL') => sql`PRAGMA synchronous = ${sql.raw(value)}`.execute(database.db);
    const seen: number[] = [];
    for (const value of ['NORMAL', 'FULL', 'NORMAL', 'FULL'] as const) {
      await set(value);
      seen.push(await synchronousOf(database.db));
    }
    assert.deepEqual(seen, [1, 2, 1, 2]);
  });
});
