import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../lib/db/schema';
import { signInWithPassword, type SignInAttempt } from '../../lib/auth/sign-in';
import { describeSignInError } from '../../lib/auth/sign-in-errors';
import { THROTTLE_WINDOW_MS } from '../../lib/auth/sign-in-throttle';
import { createUser } from '../../lib/auth/users';
import { manualClock } from './manual-clock';
import { openTestDatabase, type TestDatabase } from '../helpers/databases/test-database';
import { describeEachDatabase } from '../helpers/databases/each-database';

const START = Date.UTC(2026, 10, 27, 2, 30, 0);
const MINUTE = 60_000;
const PASSWORD = 'a long and correct password';

describeEachDatabase('sign-in throttling', (kind) => {
  let database: TestDatabase;

  before(async () => {
    database = await openTestDatabase(kind);
  });
  after(async () => {
    await database.dispose();
  });

  let userCounter = 0;
  async function newUser(db: Kysely<Database>) {
    userCounter += 1;
    const email = `user${userCounter}@example.com`;
    const created = await createUser(db, { email, displayName: `User ${userCounter}`, role: 'operator', password: PASSWORD });
    assert.ok(created.ok);
    return email;
  }

  function attempt(email: string, password: string, sourceIp: string): SignInAttempt {
    return { email, password, sourceIp, userAgent: 'integration-test' };
  }

  async function signInEvents(db: Kysely<Database>, email: string) {
    return db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'auth.sign_in')
      .where('actor_email', '=', email)
      .orderBy('seq')
      .execute();
  }

  test('after 5 wrong passwords in 15 minutes the account is refused, even with the right password, until the window passes', async () => {
    const { db } = database;
    const email = await newUser(db);
    const clock = manualClock(START);
    for (let i = 0; i < 5; i += 1) {
      const result = await signInWithPassword(db, attempt(email, 'wrong password guess', `198.51.100.${i + 1}`), clock.now);
      assert.deepEqual(result, { ok: false, error: { code: 'bad-credentials' } });
      clock.advance(MINUTE);
    }
    // 02:35: the first failure was at 02:30, so the count falls under 5 at 02:45.
    const refused = await signInWithPassword(db, attempt(email, PASSWORD, '198.51.100.99'), clock.now);
    assert.equal(refused.ok, false);
    assert.ok(!refused.ok);
    assert.equal(refused.error.code, 'throttled-account');
    assert.equal(refused.error.retryAt, START + THROTTLE_WINDOW_MS);
    assert.equal(describeSignInError(refused.error), 'Too many failed sign-ins for this account. Try again after 02:45 UTC.');

    clock.set(START + THROTTLE_WINDOW_MS);
    const allowed = await signInWithPassword(db, attempt(email, PASSWORD, '198.51.100.99'), clock.now);
    assert.equal(allowed.ok, true, 'the real user gets in once the window has passed');
  });

  test('refused attempts do not extend the refusal, so the real user is never locked out for longer than the window', async () => {
    const { db } = database;
    const email = await newUser(db);
    const clock = manualClock(START);
    for (let i = 0; i < 5; i += 1) await signInWithPassword(db, attempt(email, 'wrong password guess', '192.0.2.10'), clock.now);
    for (let i = 0; i < 14; i += 1) {
      clock.advance(MINUTE);
      const result = await signInWithPassword(db, attempt(email, 'another guess here', '192.0.2.11'), clock.now);
      assert.ok(!result.ok && result.error.code === 'throttled-account', `minute ${i + 1}`);
    }
    clock.set(START + THROTTLE_WINDOW_MS + 1);
    assert.equal((await signInWithPassword(db, attempt(email, PASSWORD, '192.0.2.12'), clock.now)).ok, true);
  });

  test('5 failures from one address, spread over accounts, refuse that address for every account but not other addresses', async () => {
    const { db } = database;
    const victims = [await newUser(db), await newUser(db), await newUser(db)];
    const clock = manualClock(START);
    for (let i = 0; i < 5; i += 1) {
      await signInWithPassword(db, attempt(victims[i % 3] ?? '', 'guess number one', '203.0.113.66'), clock.now);
      clock.advance(10_000);
    }
    const fromAttacker = await signInWithPassword(db, attempt(victims[0] ?? '', PASSWORD, '203.0.113.66'), clock.now);
    assert.ok(!fromAttacker.ok);
    assert.equal(fromAttacker.error.code, 'throttled-address');
    assert.match(describeSignInError(fromAttacker.error), /^Too many failed sign-ins from your network address\. Try again after 02:45 UTC\.$/);

    const fromElsewhere = await signInWithPassword(db, attempt(victims[0] ?? '', PASSWORD, '203.0.113.67'), clock.now);
    assert.equal(fromElsewhere.ok, true, 'the account itself had fewer than 5 failures');
  });

  test('a successful sign-in does not erase the failures counted for its address', async () => {
    const { db } = database;
    const mine = await newUser(db);
    const others = await newUser(db);
    const clock = manualClock(START);
    const ip = '203.0.113.80';
    for (let i = 0; i < 4; i += 1) await signInWithPassword(db, attempt(others, 'guessing again', ip), clock.now);
    // The attacker signs in to their own account from the same address…
    assert.equal((await signInWithPassword(db, attempt(mine, PASSWORD, ip), clock.now)).ok, true);
    // …and one more guess still fills the address's count.
    await signInWithPassword(db, attempt(others, 'guessing again', ip), clock.now);
    const next = await signInWithPassword(db, attempt(mine, PASSWORD, ip), clock.now);
    assert.ok(!next.ok);
    assert.equal(next.error.code, 'throttled-address');
  });

  test('throttling is kept in the database: a restarted process (a new handle on the same database) still refuses', async () => {
    const email = await newUser(database.db);
    const clock = manualClock(START);
    for (let i = 0; i < 5; i += 1) {
      await signInWithPassword(database.db, attempt(email, 'wrong password guess', `198.18.0.${i + 1}`), clock.now);
    }
    const restarted = await database.open();
    clock.advance(5 * MINUTE);
    const result = await signInWithPassword(restarted.db, attempt(email, PASSWORD, '198.18.0.200'), clock.now);
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'throttled-account');
  });

  test('guesses sent all at once (parallel requests, several processes) still get only 5 looks at the password', async () => {
    const { db } = database;
    const email = await newUser(db);
    const clock = manualClock(START);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signInWithPassword(db, attempt(email, 'a parallel guess', `198.18.1.${i + 1}`), clock.now)),
    );
    const codes = results.map((result) => (result.ok ? 'signed-in' : result.error.code));
    assert.equal(codes.filter((code) => code === 'bad-credentials').length, 5, codes.join(', '));
    assert.equal(codes.filter((code) => code === 'throttled-account').length, 7);
  });

  test('an unknown email is throttled like a real one, so refusals do not reveal which accounts exist', async () => {
    const { db } = database;
    const clock = manualClock(START);
    const ghost = 'nobody-here@example.com';
    for (let i = 0; i < 5; i += 1) {
      const result = await signInWithPassword(db, attempt(ghost, 'some password 123', `100.64.0.${i + 1}`), clock.now);
      assert.deepEqual(result, { ok: false, error: { code: 'bad-credentials' } });
    }
    const sixth = await signInWithPassword(db, attempt(ghost, 'some password 123', '100.64.0.77'), clock.now);
    assert.ok(!sixth.ok);
    assert.equal(sixth.error.code, 'throttled-account');
  });

  test('every attempt is in the audit log as auth.sign_in: success, failure and throttled, with address and user agent', async () => {
    const { db } = database;
    const email = await newUser(db);
    const clock = manualClock(START);
    await signInWithPassword(db, attempt(email, PASSWORD, '192.0.2.50'), clock.now);
    clock.advance(1000);
    for (let i = 0; i < 5; i += 1) await signInWithPassword(db, attempt(email.toUpperCase(), 'wrong password guess', `192.0.2.${60 + i}`), clock.now);
    await signInWithPassword(db, attempt(email, PASSWORD, '192.0.2.70'), clock.now);

    const events = await signInEvents(db, email);
    assert.deepEqual(
      events.map((event) => event.outcome),
      ['success', 'failure', 'failure', 'failure', 'failure', 'failure', 'throttled'],
    );
    const [success, failure] = events;
    assert.equal(success?.actor_role, 'operator');
    assert.ok(success?.actor_id);
    assert.equal(success?.source_ip, '192.0.2.50');
    assert.equal(success?.user_agent, 'integration-test');
    assert.equal(success?.auth_method, 'password');
    assert.equal(failure?.actor_id, null, 'a failed attempt proves nobody’s identity');
    assert.equal(failure?.source_ip, '192.0.2.60');
    assert.equal(Number(failure?.at), START + 1000);
    const throttled = events.at(-1);
    assert.deepEqual(JSON.parse(throttled?.details ?? '{}'), {
      reason: 'throttled-account',
      retryAt: new Date(START + 1000 + THROTTLE_WINDOW_MS).toISOString(),
    });
  });

  test('a disabled account is refused with its own message, only when the password was right', async () => {
    const { db } = database;
    const email = await newUser(db);
    const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    await db.updateTable('users').set({ disabled_at: START }).where('id', '=', user.id).execute();
    const clock = manualClock(START);
    const wrong = await signInWithPassword(db, attempt(email, 'wrong password guess', '192.0.2.90'), clock.now);
    assert.deepEqual(wrong, { ok: false, error: { code: 'bad-credentials' } });
    const right = await signInWithPassword(db, attempt(email, PASSWORD, '192.0.2.90'), clock.now);
    assert.deepEqual(right, { ok: false, error: { code: 'disabled' } });
  });
});
