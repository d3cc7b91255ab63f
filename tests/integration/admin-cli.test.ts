// The admin CLI as an operator runs it: a real subprocess on a temp DATA_DIR, against the test
// database (SQLite and PostgreSQL).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { appendAuditEvent, listAuditEvents } from '../../lib/audit';
import { loadOrCreateAuditKeyFile } from '../../lib/audit/chain/audit-key';
import { SYSTEM_ACTOR } from '../../lib/auth/actor';
import { authenticateToken } from '../../lib/auth/tokens';
import { openTestDatabase, type TestDatabase } from '../helpers/databases/test-database';
import { describeEachDatabase } from '../helpers/databases/each-database';
import { runAdminCommand, type CommandRun } from '../helpers/admin-command';

describeEachDatabase('the admin CLI', (kind) => {
  let database: TestDatabase;
  let dataDir: string;
  before(async () => {
    database = await openTestDatabase(kind);
    dataDir = database.dir;
  });
  after(() => database.dispose());

  function admin(args: readonly string[], stdin = '', viaNpm = false): Promise<CommandRun> {
    return runAdminCommand(args, { env: { DATA_DIR: dataDir, DATABASE_URL: database.url, UM_SERVICE_URL: '' }, stdin, viaNpm });
  }

  const withDb = <T>(run: (db: TestDatabase['db']) => Promise<T>): Promise<T> => run(database.db);

  test('create-user reads the password from stdin, refuses a short one with exit 2, and the change is audited as cli', async () => {
    const short = await admin(['create-user', '--email', 'ops@cli.test', '--role', 'operator'], 'too short\n');
    assert.equal(short.code, 2);
    assert.match(short.stderr, /at least 12 characters/);
    const made = await admin(['create-user', '--email', 'ops@cli.test', '--role', 'operator', '--name', 'Ops'], 'a long enough password\n', true);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /Created ops@cli\.test \(operator\)/);
    const event = await withDb(async (db) => (await listAuditEvents(db, { action: 'user.create' }, { limit: 1 })).items[0]);
    assert.equal(event?.authMethod, 'cli');
    assert.equal(event?.details?.email, 'ops@cli.test');
    assert.equal(typeof event?.details?.osUser, 'string');
  });

  test('list-users --json prints one JSON object without password hashes; set-role and disable-user change and audit', async () => {
    const listed = await admin(['list-users', '--json']);
    assert.equal(listed.code, 0);
    const body = JSON.parse(listed.stdout) as { users: Array<{ email: string; role: string }> };
    assert.deepEqual(body.users.map((u) => [u.email, u.role]), [['ops@cli.test', 'operator']]);
    assert.doesNotMatch(listed.stdout, /scrypt|passwordHash|password_hash/i);
    const promoted = await admin(['set-role', '--email', 'ops@cli.test', '--role', 'admin']);
    assert.equal(promoted.code, 0);
    assert.match(promoted.stdout, /operator → admin/);
    const badRole = await admin(['set-role', '--email', 'ops@cli.test', '--role', 'root']);
    assert.equal(badRole.code, 2);
    const nobody = await admin(['disable-user', '--email', 'nobody@cli.test']);
    assert.equal(nobody.code, 2);
    assert.match(nobody.stderr, /no user with the email nobody@cli\.test/);
    const actions = await withDb(async (db) => (await listAuditEvents(db, {}, { limit: 10 })).items.map((e) => e.action));
    assert.ok(actions.includes('user.set_role'));
  });

  test('create-token prints the token as the last line; it works until revoke-token, then stops at once', async () => {
    const created = await admin(['create-token', '--email', 'ops@cli.test', '--name', 'nightly-report']);
    assert.equal(created.code, 0, created.stderr);
    const token = created.stdout.trimEnd().split('\n').at(-1) ?? '';
    assert.match(token, /^umcc_[A-Za-z0-9_-]{43}$/);
    const meta = { sourceIp: null, userAgent: null };
    const before = await withDb((db) => authenticateToken(db, token, meta));
    assert.ok(before.ok);
    assert.equal(before.data.authMethod, 'token:nightly-report');
    const missing = await admin(['revoke-token', '--name', 'no-such-token']);
    assert.equal(missing.code, 2);
    const revoked = await admin(['revoke-token', '--name', 'nightly-report', '--email', 'ops@cli.test']);
    assert.equal(revoked.code, 0, revoked.stderr);
    const afterRevoke = await withDb((db) => authenticateToken(db, token, meta));
    assert.equal(afterRevoke.ok, false);
    const logged = await withDb(async (db) => (await listAuditEvents(db, { action: 'token.revoke' }, { limit: 1 })).items[0]);
    assert.equal(logged?.details?.name, 'nightly-report');
  });

  test('migrate says the schema is up to date; usage mistakes exit 2 with the usage; verify-audit exits 0 on a sound log and 1 naming the first problem', async () => {
    const migrated = await admin(['migrate']);
    assert.equal(migrated.code, 0, migrated.stderr);
    const name = kind === 'postgres' ? 'PostgreSQL' : 'SQLite';
    assert.equal(migrated.stdout, `The ${name} database is up to date (8 migrations, the latest 0008-call-check-source).\n`);
    const unknown = await admin(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown command "frobnicate"[\s\S]*Usage:/);
    const ok = await admin(['verify-audit']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^Audit log OK: \d+ events/);
    assert.match(ok.stdout, /Chain head: seq \d+, hash [0-9a-f]{64}/);
    // A completion without its request: the log is append-only, so the flaw goes in by appending.
    await withDb((db) =>
      appendAuditEvent(db, { action: 'disconnect.completed', actor: SYSTEM_ACTOR, attemptId: 'orphan', outcome: 'unknown' }, Date.now, {
        key: loadOrCreateAuditKeyFile(dataDir),
      }),
    );
    const bad = await admin(['verify-audit']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /Audit log problem: seq \d+: disconnect\.completed for attempt orphan has no disconnect\.requested/);
  });
});
