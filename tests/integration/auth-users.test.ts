import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createUser, disableUser, enableUser, findUserByEmail, findUserById, listUsers, setUserRole } from '../../lib/auth/users';
import { openTestDatabase, type TestDatabase } from '../helpers/databases/test-database';
import { describeEachDatabase } from '../helpers/databases/each-database';

describeEachDatabase('the user repository', (kind) => {
  let database: TestDatabase;

  before(async () => {
    database = await openTestDatabase(kind);
  });
  after(async () => {
    await database.dispose();
  });

  const GOOD = { displayName: 'Grace Operator', role: 'operator' as const, password: 'twelve chars ok' };

  test('a new user is stored with a lower-cased email and comes back without any password hash', async () => {
    const { db } = database;
    const created = await createUser(db, { ...GOOD, email: '  Grace@Example.COM ' });
    assert.ok(created.ok);
    assert.equal(created.data.email, 'grace@example.com');
    assert.equal(created.data.role, 'operator');
    assert.equal(created.data.mustChangePassword, false);
    for (const user of [created.data, await findUserByEmail(db, 'GRACE@example.com'), await findUserById(db, created.data.id), ...(await listUsers(db))]) {
      assert.ok(user);
      assert.ok(!('passwordHash' in user) && !('password_hash' in user), 'no hash in the DTO');
      assert.doesNotMatch(JSON.stringify(user), /scrypt\$/);
    }
    const row = await db.selectFrom('users').select('password_hash').where('id', '=', created.data.id).executeTakeFirstOrThrow();
    assert.match(row.password_hash, /^scrypt\$/);
  });

  test('invalid details are refused field by field, and nothing is stored', async () => {
    const { db } = database;
    const before = (await listUsers(db)).length;
    const result = await createUser(db, { email: 'not an email', displayName: ' ', role: 'root' as never, password: 'short' });
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'invalid-input');
    assert.deepEqual(Object.keys(result.error.fieldErrors ?? {}).sort(), ['displayName', 'email', 'password', 'role']);
    assert.equal(result.error.fieldErrors?.password, 'A password needs at least 12 characters.');
    assert.equal((await listUsers(db)).length, before);
  });

  test('a second user with the same email in other letter case is refused', async () => {
    const { db } = database;
    assert.ok((await createUser(db, { ...GOOD, email: 'dup@example.com' })).ok);
    const again = await createUser(db, { ...GOOD, email: 'DUP@example.com' });
    assert.ok(!again.ok);
    assert.equal(again.error.code, 'email-taken');
  });

  test('changing the role and disabling a user take effect in what the repository returns', async () => {
    const { db } = database;
    const created = await createUser(db, { ...GOOD, email: 'role@example.com' });
    assert.ok(created.ok);
    const promoted = await setUserRole(db, created.data.id, 'auditor', () => 1_000);
    assert.ok(promoted.ok);
    assert.equal(promoted.data.role, 'auditor');
    const disabled = await disableUser(db, created.data.id, () => 2_000);
    assert.ok(disabled.ok);
    assert.equal(disabled.data.disabledAt, 2_000);
    const enabled = await enableUser(db, created.data.id, () => 3_000);
    assert.ok(enabled.ok);
    assert.equal(enabled.data.disabledAt, null);
    assert.equal(enabled.data.updatedAt, 3_000);
    const missing = await setUserRole(db, 'no-such-id', 'admin');
    assert.ok(!missing.ok);
    assert.equal(missing.error.code, 'not-found');
  });
});
