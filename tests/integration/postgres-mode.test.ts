// What PostgreSQL mode adds beyond running the same tests: the schema a URL names, bigints read as
// numbers, a pool of bounded size, the audit tables' triggers, and admin commands' words for a
// server that does not answer. The grants for the console's own role: postgres-roles.test.ts.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { createAuditCheckpoint } from '../../lib/audit/chain/create-checkpoint';
import { createUser } from '../../lib/auth/users';
import { openDatabase } from '../../lib/db/open-database';
import { runAdminCli } from '../e2e/support/admin-cli';
import { describeForDatabase } from '../helpers/databases/each-database';
import { openTestDatabase, type TestDatabase } from '../helpers/databases/test-database';
import { integrityFor, seedEvents } from './audit-chain-harness';

describeForDatabase('postgres', 'PostgreSQL mode', () => {
  let database: TestDatabase;
  let keys: ReturnType<typeof integrityFor>;
  before(async () => {
    database = await openTestDatabase('postgres');
    keys = integrityFor(database.dir);
  });
  after(() => database.dispose());

  it('keeps every table, and Kysely’s migration bookkeeping, in the schema the URL names; another schema is another database', async () => {
    const schema = database.schema ?? '';
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = ${schema}`.execute(database.db);
    for (const table of ['audit_events', 'audit_checkpoints', 'users', 'calls', 'batches', 'kysely_migration']) {
      assert.ok(tables.rows.some((row) => row.name === table), `${table} is in ${schema}`);
    }
    const other = await openTestDatabase('postgres');
    try {
      await createUser(database.db, { email: 'only-here@contoso.test', displayName: 'Here', role: 'viewer', password: 'a long enough password' });
      assert.deepEqual(await other.db.selectFrom('users').select('email').execute(), []);
    } finally {
      await other.dispose();
    }
  });

  it('reads bigints and counts as numbers, and refuses a value beyond 2^53 rather than rounding it', async () => {
    await seedEvents(database.db, keys.hmacKey, 3);
    const row = await database.db
      .selectFrom('audit_events')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('latest'), eb.fn.sum<number>('seq').as('total')])
      .executeTakeFirstOrThrow();
    assert.deepEqual([typeof row.n, typeof row.latest, row.total], ['number', 'number', 6]);
    await assert.rejects(sql`select 9007199254740993::bigint as too_big`.execute(database.db), /beyond what the console can read exactly/);
  });

  it('holds a pool to its size: twenty queries at once share at most that many connections', async () => {
    const small = await openDatabase(database.url, { poolSize: 2 });
    try {
      const pids = await Promise.all(
        Array.from({ length: 20 }, async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.01)`.execute(small.db)).rows[0]?.pid),
      );
      const distinct = new Set(pids);
      assert.ok(distinct.size >= 1 && distinct.size <= 2, `${distinct.size} connections`);
    } finally {
      await small.close();
    }
  });

  it('an admin command against a server that does not answer says so in a sentence, without the password', async () => {
    const url = new URL(database.url);
    url.port = '1';
    url.password = 'S3cret-in-url';
    const run = await runAdminCli(['list-users'], { DATABASE_URL: url.toString(), DATA_DIR: database.dir });
    assert.equal(run.code, 1);
    assert.equal(run.stderr.trim(), 'admin: list-users failed: the PostgreSQL server named in DATABASE_URL could not be reached or refused the sign-in; check the host, port, database, user and password.');
  });

  it('refuses UPDATE, DELETE and TRUNCATE of both audit tables even to their owner, naming the table', async () => {
    await createAuditCheckpoint(database.db, { ...keys, reason: 'periodic' });
    for (const table of ['audit_events', 'audit_checkpoints']) {
      await assert.rejects(sql`update ${sql.table(table)} set seq = seq`.execute(database.db), new RegExp(`${table} is append-only`));
      await assert.rejects(sql`delete from ${sql.table(table)}`.execute(database.db), new RegExp(`${table} is append-only`));
      await assert.rejects(sql`truncate ${sql.table(table)}`.execute(database.db), new RegExp(`${table} is append-only`));
    }
  });
});
