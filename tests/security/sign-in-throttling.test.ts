import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeSignInError, describeSignInError } from '../../lib/auth/sign-in-errors';
import { THROTTLE_MAX_FAILURES } from '../../lib/auth/sign-in-throttle';
import { openDatabase } from '../../lib/db/open-database';
import { consoleDatabaseUrl } from '../helpers/databases/console-database';
import { E2E_USERS } from '../e2e/support/auth-users';
import { fetchCsrfPair, postCredentials, redirectTarget, setCookieLine, type CsrfPair } from './support/next-auth-requests';
import { startSecurityTarget, type SecurityTarget } from './support/security-console';

const WRONG_ATTEMPTS = 30;

interface AttemptOutcome {
  readonly signedIn: boolean;
  /** next-auth's `error` value: the encoded SignInError the form turns into a sentence. */
  readonly error: string | null;
}

describe('sign-in throttling under a burst of wrong passwords', () => {
  let target: SecurityTarget;
  let csrf: CsrfPair;
  before(async () => {
    target = await startSecurityTarget();
    csrf = await fetchCsrfPair(target.url);
  });
  after(() => target?.stop());

  // Every attempt from this process arrives from 127.0.0.1: one account, one address.
  async function attempt(email: string, password: string): Promise<AttemptOutcome> {
    const response = await postCredentials(target.url, csrf, { email, password, callbackUrl: '/calls', json: true });
    // next-auth answers the form's JSON request with `{ url }`: 200 signed in, 401 refused.
    assert.ok(response.status === 200 || response.status === 401, `next-auth answered HTTP ${response.status}`);
    const signedIn = setCookieLine(response, 'umcc-session') !== undefined;
    const url = await redirectTarget(response);
    return { signedIn, error: url ? new URL(url, target.url).searchParams.get('error') : null };
  }

  /** The auth.sign_in entries the console wrote for `email`, read from its own database. */
  async function signInEvents(email: string): Promise<Array<{ outcome: string | null; source_ip: string | null }>> {
    const database = await openDatabase(await consoleDatabaseUrl(target.console.dataDir));
    try {
      return await database.db
        .selectFrom('audit_events')
        .select(['outcome', 'source_ip'])
        .where('action', '=', 'auth.sign_in')
        .where('actor_email', '=', email)
        .orderBy('seq')
        .execute();
    } finally {
      await database.close();
    }
  }

  it('30 rapid failures (bursts and one by one) check at most 5 passwords, the right one is then refused in words, and all 31 are audited', async () => {
    const who = E2E_USERS.operator;
    const wrong = (i: number) => attempt(who.email, `wrong guess number ${i}`);
    const outcomes: AttemptOutcome[] = [];
    // A concurrent burst first: the throttle must hold even when no failure is on record yet.
    outcomes.push(...(await Promise.all(Array.from({ length: 12 }, (_, i) => wrong(i)))));
    for (let i = 12; i < 20; i += 1) outcomes.push(await wrong(i));
    outcomes.push(...(await Promise.all(Array.from({ length: WRONG_ATTEMPTS - 20 }, (_, i) => wrong(20 + i)))));

    assert.equal(outcomes.length, WRONG_ATTEMPTS);
    assert.ok(outcomes.every((outcome) => !outcome.signedIn && outcome.error !== null), 'every wrong password is refused');
    const throttled = outcomes.filter((outcome) => decodeSignInError(outcome.error)?.code.startsWith('throttled-'));
    assert.ok(throttled.length >= WRONG_ATTEMPTS - THROTTLE_MAX_FAILURES, `${throttled.length} of ${WRONG_ATTEMPTS} were throttled`);

    const right = await attempt(who.email, who.password);
    assert.equal(right.signedIn, false, 'the right password is refused while throttled');
    const error = decodeSignInError(right.error);
    assert.equal(error?.code, 'throttled-account');
    const sentence = describeSignInError(error);
    assert.match(sentence, /^Too many failed sign-ins for this account\. Try again after \d\d:\d\d UTC\.$/);
    // The sign-in page, sent there with next-auth's error, says the same sentence.
    const page = await (await fetch(`${target.url}/sign-in?error=${encodeURIComponent(right.error ?? '')}`)).text();
    assert.ok(page.includes(sentence), 'the sign-in page shows the sentence');

    const events = await signInEvents(who.email);
    assert.equal(events.length, WRONG_ATTEMPTS + 1, 'every attempt, the refused ones too, is in the audit log');
    const checked = events.filter((event) => event.outcome === 'failure').length;
    assert.ok(checked <= THROTTLE_MAX_FAILURES, `${checked} passwords were checked; at most ${THROTTLE_MAX_FAILURES} may be`);
    assert.equal(events.filter((event) => event.outcome === 'success').length, 0);
    assert.equal(events.filter((event) => event.outcome === 'throttled').length, WRONG_ATTEMPTS + 1 - checked);
    assert.ok(events.every((event) => event.source_ip === '127.0.0.1'), 'each entry names the address');
  });

  it('the address is throttled too: another account’s right password from it is refused, and audited', async () => {
    const other = E2E_USERS.admin;
    const outcome = await attempt(other.email, other.password);
    assert.equal(outcome.signedIn, false);
    assert.equal(decodeSignInError(outcome.error)?.code, 'throttled-address');
    const events = await signInEvents(other.email);
    assert.deepEqual(events.map((event) => event.outcome), ['throttled']);
  });
});
