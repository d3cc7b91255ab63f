import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { BOOTSTRAP_ADMIN_EMAIL, ensureBootstrapAdmin } from '../../lib/auth/bootstrap';
import { changePassword } from '../../lib/auth/change-password';
import { signInWithPassword } from '../../lib/auth/sign-in';
import { createUser, findUserByEmail, listUsers } from '../../lib/auth/users';
import { openTestDatabase, type TestDatabase } from '../helpers/databases/test-database';
import { describeEachDatabase } from '../helpers/databases/each-database';

describeEachDatabase('the first administrator', (kind) => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
  });
  afterEach(async () => {
    await database.dispose();
  });

  function capture() {
    const lines: string[] = [];
    return { log: (message: string) => lines.push(message), lines };
  }

  function printedPassword(message: string | undefined): string {
    const match = /Password:\s+(\S+)/.exec(message ?? '');
    assert.ok(match?.[1], `no password in ${message}`);
    return match[1];
  }

  test('on an empty users table, an admin with a printed one-time password is created, printed once and audited once', async () => {
    const { db } = database;
    const out = capture();
    const result = await ensureBootstrapAdmin(db, out.log);
    assert.equal(result.created, true);
    assert.equal(out.lines.length, 1);
    assert.match(out.lines[0] ?? '', /admin@localhost/);
    assert.match(printedPassword(out.lines[0]), /^[A-Za-z2-9]{20}$/);

    const admin = await findUserByEmail(db, BOOTSTRAP_ADMIN_EMAIL);
    assert.equal(admin?.role, 'admin');
    assert.equal(admin?.mustChangePassword, true);
    const audit = await db.selectFrom('audit_events').selectAll().where('action', '=', 'auth.bootstrap_admin').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.auth_method, 'system');
    assert.doesNotMatch(audit[0]?.details ?? '', new RegExp(printedPassword(out.lines[0])), 'the password is not in the audit log');

    const again = await ensureBootstrapAdmin(db, out.log);
    assert.deepEqual(again, { created: false });
    assert.equal(out.lines.length, 1, 'a later start prints nothing');
  });

  test('two calls at once, on one handle or two (two processes), create exactly one admin and print once', async () => {
    const second = await database.open();
    const out = capture();
    const results = await Promise.all([
      ensureBootstrapAdmin(database.db, out.log),
      ensureBootstrapAdmin(database.db, out.log),
      ensureBootstrapAdmin(second.db, out.log),
      ensureBootstrapAdmin(second.db, out.log),
    ]);
    assert.equal(results.filter((result) => result.created).length, 1);
    assert.equal(out.lines.length, 1);
    assert.equal((await listUsers(database.db)).length, 1);
    const audit = await database.db.selectFrom('audit_events').select('seq').where('action', '=', 'auth.bootstrap_admin').execute();
    assert.equal(audit.length, 1);
  });

  test('no admin is created when a user already exists', async () => {
    const { db } = database;
    const created = await createUser(db, { email: 'first@example.com', displayName: 'First', role: 'viewer', password: 'a password long enough' });
    assert.ok(created.ok);
    const out = capture();
    assert.deepEqual(await ensureBootstrapAdmin(db, out.log), { created: false });
    assert.equal(out.lines.length, 0);
    assert.equal(await findUserByEmail(db, BOOTSTRAP_ADMIN_EMAIL), undefined);
  });

  test('the printed password signs in once; after it is changed it no longer works and the new one does', async () => {
    const { db } = database;
    const out = capture();
    await ensureBootstrapAdmin(db, out.log);
    const oneTime = printedPassword(out.lines[0]);
    const meta = { sourceIp: '127.0.0.1', userAgent: 'test' };

    const first = await signInWithPassword(db, { email: BOOTSTRAP_ADMIN_EMAIL, password: oneTime, ...meta });
    assert.ok(first.ok);
    assert.equal(first.user.mustChangePassword, true);

    const tooShort = await changePassword(db, { userId: first.user.id, currentPassword: oneTime, newPassword: 'short' });
    assert.ok(!tooShort.ok);
    assert.equal(tooShort.error.code, 'invalid-input');
    const wrongCurrent = await changePassword(db, { userId: first.user.id, currentPassword: 'not the password', newPassword: 'my own admin passphrase' });
    assert.ok(!wrongCurrent.ok);
    assert.equal(wrongCurrent.error.code, 'wrong-password');
    const same = await changePassword(db, { userId: first.user.id, currentPassword: oneTime, newPassword: oneTime });
    assert.ok(!same.ok);

    const changed = await changePassword(db, { userId: first.user.id, currentPassword: oneTime, newPassword: 'my own admin passphrase' });
    assert.ok(changed.ok);
    assert.equal(changed.data.mustChangePassword, false);
    assert.equal((await findUserByEmail(db, BOOTSTRAP_ADMIN_EMAIL))?.mustChangePassword, false);

    const reuse = await signInWithPassword(db, { email: BOOTSTRAP_ADMIN_EMAIL, password: oneTime, ...meta });
    assert.deepEqual(reuse, { ok: false, error: { code: 'bad-credentials' } });
    const fresh = await signInWithPassword(db, { email: BOOTSTRAP_ADMIN_EMAIL, password: 'my own admin passphrase', ...meta });
    assert.ok(fresh.ok);
  });
});
