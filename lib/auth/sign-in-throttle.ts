import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Failures counted per account and per source address… */
export const THROTTLE_MAX_FAILURES = 5;
/** …within this sliding window. Refusals end by themselves when old failures leave it. */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** What sign_in_attempts keeps when the source address is not known. */
export const UNKNOWN_SOURCE = 'unknown';

export type ThrottleScope = 'account' | 'address';

export type ThrottleState =
  | { readonly throttled: false }
  | { readonly throttled: true; readonly scope: ThrottleScope; readonly retryAt: number };

export interface AttemptKey {
  /** Normalised email as typed; need not belong to an account. */
  readonly email: string;
  readonly sourceIp: string | null;
}

/**
 * Puts an attempt on record as a failure before anything is checked, and returns its id. Counting
 * after writing is what makes the limit hold for a burst of simultaneous guesses: of any 6 attempts
 * at once, the one written last sees the 5 before it, so at most 5 ever reach the password check.
 * The attempt is then either released (refused by the throttle), left as a failure, or marked as
 * a success.
 */
export async function reserveSignInAttempt(db: Kysely<Database>, key: AttemptKey, now: number): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('sign_in_attempts')
    .values({ id, at: now, email: key.email, source_ip: key.sourceIp ?? UNKNOWN_SOURCE, succeeded: 0 })
    .execute();
  return id;
}

/**
 * Whether a sign-in for this email or from this address must be refused without looking at the
 * password: 5 failures within the last 15 minutes, not counting the attempt itself (`attemptId`,
 * from reserveSignInAttempt), but counting others still in progress. For the account, failures
 * before its latest successful sign-in no longer count; for the address they do (one good account
 * must not reset the count for guesses at others).
 */
export async function checkSignInThrottle(
  db: Kysely<Database>,
  key: AttemptKey,
  now: number,
  attemptId: string | null = null,
): Promise<ThrottleState> {
  const windowStart = now - THROTTLE_WINDOW_MS;
  const lastSuccess = await db
    .selectFrom('sign_in_attempts')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('email', '=', key.email)
    .where('succeeded', '=', 1)
    .where('at', '>', windowStart)
    .executeTakeFirst();
  const accountSince = Math.max(windowStart, Number(lastSuccess?.at ?? windowStart));
  const accountRetry = await retryTimeFor(db, { column: 'email', value: key.email, since: accountSince, attemptId });
  if (accountRetry !== undefined) return { throttled: true, scope: 'account', retryAt: accountRetry };
  if (key.sourceIp === null) return { throttled: false };
  const addressRetry = await retryTimeFor(db, { column: 'source_ip', value: key.sourceIp, since: windowStart, attemptId });
  if (addressRetry !== undefined) return { throttled: true, scope: 'address', retryAt: addressRetry };
  return { throttled: false };
}

interface FailureQuery {
  readonly column: 'email' | 'source_ip';
  readonly value: string;
  readonly since: number;
  readonly attemptId: string | null;
}

// Failures after `since`, newest first. With n ≥ 5 of them, the count falls back to 4 once the
// 5th newest has left the window: that is when trying again works.
async function retryTimeFor(db: Kysely<Database>, query: FailureQuery): Promise<number | undefined> {
  let select = db
    .selectFrom('sign_in_attempts')
    .select('at')
    .where(query.column, '=', query.value)
    .where('succeeded', '=', 0)
    .where('at', '>', query.since);
  if (query.attemptId !== null) select = select.where('id', '!=', query.attemptId);
  const rows = await select.orderBy('at', 'desc').limit(THROTTLE_MAX_FAILURES).execute();
  const fifthNewest = rows[THROTTLE_MAX_FAILURES - 1];
  return fifthNewest ? Number(fifthNewest.at) + THROTTLE_WINDOW_MS : undefined;
}

/**
 * Takes a refused attempt off the record again: hammering a throttled account must not push its
 * window further out, or the real user would be locked out for as long as the hammering lasts.
 */
export async function releaseSignInAttempt(db: Kysely<Database>, attemptId: string): Promise<void> {
  await db.deleteFrom('sign_in_attempts').where('id', '=', attemptId).execute();
}

/** Marks a reserved attempt as the successful sign-in it turned out to be. */
export async function markSignInSucceeded(db: Kysely<Database>, attemptId: string, now: number): Promise<void> {
  await db.updateTable('sign_in_attempts').set({ succeeded: 1, at: now }).where('id', '=', attemptId).execute();
  // Rows only matter inside the window; a day's worth is plenty for looking into an incident
  // (the audit log keeps every attempt for good).
  await db.deleteFrom('sign_in_attempts').where('at', '<', now - 24 * 60 * 60 * 1000).execute();
}
