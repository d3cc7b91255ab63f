// The console as PostgreSQL mode recommends running it: as a role that is not the owner, with the
// grants README's "PostgreSQL mode" lists. What it can do (everything the console does) and what it
// cannot (change, remove or unprotect the audit log), and a role also allowed to prune.
import assert from 'node:assert/strict';
import { RateLimiter } from '../../lib/auth/tokens/rate-limit';
import { findLiveInstances, startCoordinator } from '../../lib/coordination';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { appendAuditEvent } from '../../lib/audit';
import { createAuditCheckpoint } from '../../lib/audit/chain/create-checkpoint';
import { verifyAuditLog } from '../../lib/audit/chain/verify-log';
import { signInWithPassword } from '../../lib/auth/sign-in';
import { createUser } from '../../lib/auth/users';
import { openDatabase, type OpenDatabase } from '../../lib/db/open-database';
import type { Database } from '../../lib/db/schema';
import { runAdminCli } from '../e2e/support/admin-cli';
import { describeForDatabase } from '../helpers/databases/each-database';
import { openTestDatabase, type TestDatabase } from '../helpers/databases/test-database';
import { createTestRole, dropTestRole } from '../helpers/databases/test-schemas';
import { integrityFor, seedEvents } from './audit-chain-harness';
import { person } from './calls-harness';

/** The grants README's "PostgreSQL mode" gives the console's role, for schema `s` and role `r`. */
function appRoleGrants(s: string, r: string): string[] {
  return [
    `grant usage on schema ${s} to ${r}`,
    `grant select, insert, update, delete on ${s}.users, ${s}.sign_in_attempts, ${s}.calls, ${s}.call_observations, ${s}.meta, ${s}.settings, ${s}.api_tokens, ${s}.batches, ${s}.batch_items, ${s}.console_instances, ${s}.api_rate_windows to ${r}`,
    `grant select, insert on ${s}.audit_events, ${s}.audit_checkpoints to ${r}`,
    `grant select on ${s}.kysely_migration, ${s}.kysely_migration_lock to ${r}`,
  ];
}

/** The test server's URL signed in as another role. */
function urlAs(database: TestDatabase, role: { name: string; password: string }): string {
  const url = new URL(database.url);
  url.username = role.name;
  url.password = role.password;
  return url.toString();
}

async function grant(db: Kysely<Database>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

describeForDatabase('postgres', 'the console’s own PostgreSQL role', () => {
  let database: TestDatabase;
  // One set for the file: the rows seeded here are verified by the last test.
  let keys: ReturnType<typeof integrityFor>;
  before(async () => {
    database = await openTestDatabase('postgres');
    keys = integrityFor(database.dir);
    await seedEvents(database.db, keys.hmacKey, 3);
    await createAuditCheckpoint(database.db, { ...keys, reason: 'periodic' });
  });
  after(() => database?.dispose());

  describe('as a role with the documented grants, not the owner', () => {
    let role: { name: string; password: string };
    let app: OpenDatabase;
    before(async () => {
      role = await createTestRole('app');
      await grant(database.db, appRoleGrants(database.schema ?? '', role.name));
      app = await openDatabase(urlAs(database, role));
    });
    after(async () => {
      await app?.close();
      await dropTestRole(role.name);
    });

    it('the console runs: the up-to-date schema opens, people sign in, events are appended and checkpoints signed', async () => {
      assert.ok((await createUser(app.db, { email: 'app-role@contoso.test', displayName: 'App', role: 'operator', password: 'a long enough password' })).ok);
      const signedIn = await signInWithPassword(app.db, { email: 'app-role@contoso.test', password: 'a long enough password', sourceIp: '127.0.0.1', userAgent: 'test' });
      assert.equal(signedIn.ok, true);
      await appendAuditEvent(app.db, { action: 'call.track', actor: person('operator') }, Date.now, { key: keys.hmacKey });
      const made = await createAuditCheckpoint(app.db, { ...keys, reason: 'on-demand', actor: person('admin') });
      assert.equal(made.created, true);
      const migrate = await runAdminCli(['migrate'], { DATABASE_URL: urlAs(database, role), DATA_DIR: database.dir });
      assert.equal(migrate.code, 0, migrate.stderr);
      // Several instances: the instance and leader locks, the liveness read, the shared API count.
      const coordinator = await startCoordinator(app.db, { intervalMs: 60_000, log: () => undefined });
      try {
        assert.equal(coordinator.isLeader(), true);
        assert.deepEqual([...(await findLiveInstances(app.db, [coordinator.instanceId]))], [coordinator.instanceId]);
      } finally {
        await coordinator.stop();
      }
      assert.equal((await new RateLimiter(app.db, { limit: 1, windowMs: 60_000 }).take('app-role')).ok, true);
      assert.match(migrate.stdout, /^The PostgreSQL database is up to date \(8 migrations, the latest 0008-call-check-source\)\./);
    });

    it('it cannot change, remove, truncate or unprotect the audit log: the database says permission denied', async () => {
      for (const table of ['audit_events', 'audit_checkpoints']) {
        await assert.rejects(sql`update ${sql.table(table)} set seq = seq`.execute(app.db), /permission denied/);
        await assert.rejects(sql`delete from ${sql.table(table)}`.execute(app.db), /permission denied/);
        await assert.rejects(sql`truncate ${sql.table(table)}`.execute(app.db), /permission denied/);
        await assert.rejects(sql`alter table ${sql.table(table)} disable trigger user`.execute(app.db), /must be owner/);
      }
    });
  });

  describe('as a role also allowed to prune (DELETE on audit_events, writing permits)', () => {
    let role: { name: string; password: string };
    let pruner: OpenDatabase;
    before(async () => {
      role = await createTestRole('pruner');
      const s = database.schema ?? '';
      await grant(database.db, [
        ...appRoleGrants(s, role.name),
        `grant delete on ${s}.audit_events to ${role.name}`,
        `grant select, insert, delete on ${s}.audit_prune_permits to ${role.name}`,
      ]);
      pruner = await openDatabase(urlAs(database, role));
    });
    after(async () => {
      await pruner?.close();
      await dropTestRole(role.name);
    });

    it('a permit of its own in a temporary table does not pass the trigger: only the real permit table counts', async () => {
      await assert.rejects(
        pruner.db.connection().execute(async (conn) => {
          try {
            await sql`create temporary table audit_prune_permits (through_seq bigint)`.execute(conn);
            await sql`insert into pg_temp.audit_prune_permits values (1000000)`.execute(conn);
            await sql.raw(`set search_path = pg_temp, ${database.schema ?? ''}`).execute(conn);
            await sql`delete from audit_events where seq = 1`.execute(conn);
          } finally {
            // The connection goes back to the pool: without its temporary table and search_path.
            await sql`discard all`.execute(conn);
          }
        }),
        /audit_events is append-only/,
      );
    });

    it('rows it removes under a real permit, outside a recorded prune, are reported missing by verification', async () => {
      await pruner.db.transaction().execute(async (trx) => {
        await trx.insertInto('audit_prune_permits').values({ through_seq: 2, created_at: Date.now() }).execute();
        await trx.deleteFrom('audit_events').where('seq', '<=', 2).execute();
        await trx.deleteFrom('audit_prune_permits').execute();
      });
      const verified = await verifyAuditLog(database.db, keys);
      assert.deepEqual(verified.ok ? null : [verified.firstBadSeq, verified.problem], [1, 'missing']);
    });
  });
});
