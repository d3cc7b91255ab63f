import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { lockForWriting } from '../db/write-lock';

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
 * Whether a sign-in for this email or from this address must be refused without looking at the
 * password: 5 failures within the last 15 minutes. For the account, failures before its latest
 * successful sign-in no longer count; for the address they do (one good account must not reset
 * the count for guesses at others).
 */
export async function checkSignInThrottle(db: Kysely<Database>, key: AttemptKey, now: number): Promise<ThrottleState> {
  const windowStart = now - THROTTLE_WINDOW_MS;
  const lastSuccess = await db
    .selectFrom('sign_in_attempts')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('email', '=', key.email)
    .where('succeeded', '=', 1)
    .where('at', '>', windowStart)
    .executeTakeFirst();
  const accountSince = Math.max(windowStart, Number(lastSuccess?.at ?? windowStart));
  const accountRetry = await retryTimeFor(db, 'email', key.email, accountSince);
  if (accountRetry !== undefined) return { throttled: true, scope: 'account', retryAt: accountRetry };
  if (key.sourceIp === null) return { throttled: false };
  const addressRetry = await retryTimeFor(db, 'source_ip', key.sourceIp, windowStart);
  if (addressRetry !== undefined) return { throttled: true, scope: 'address', retryAt: addressRetry };
  return { throttled: false };
}

// Failures after `since`, newest first. With n ≥ 5 of them, the count falls back to 4 once the
// 5th newest has left the window: that is when trying again works.
async function retryTimeFor(
  db: Kysely<Database>,
  column: 'email' | 'source_ip',
  value: string,
  since: number,
): Promise<number | undefined> {
  const rows = await db
    .selectFrom('sign_in_attempts')
    .select('at')
    .where(column, '=', value)
    .where('succeeded', '=', 0)
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .limit(THROTTLE_MAX_FAILURES)
    .execute();
  const fifthNewest = rows[THROTTLE_MAX_FAILURES - 1];
  return fifthNewest ? Number(fifthNewest.at) + THROTTLE_WINDOW_MS : undefined;
}

export type Reservation = { readonly throttled: false; readonly attemptId: string } | Extract<ThrottleState, { throttled: true }>;

/**
 * Checks the throttle and, when the attempt may go ahead, records it at once as a failure, before
 * the password is looked at: one transaction under the sign_in_attempts write lock, so attempts
 * racing each other (parallel requests, several console processes) are counted in turn and the
 * sixth of six simultaneous guesses is refused. Until recordSignInSuccess, a right password counts
 * as a failure too; a crash in between leaves it counted, never uncounted. A refused attempt is not
 * recorded: hammering a throttled account must not push its window further out, or the real user
 * would be locked out for as long as it lasts.
 */
export async function reserveSignInAttempt(db: Kysely<Database>, key: AttemptKey, now: number): Promise<Reservation> {
  return db.transaction().execute(async (trx) => {
    await lockForWriting(trx, 'sign_in_attempts');
    const state = await checkSignInThrottle(trx, key, now);
    if (state.throttled) return state;
    const attemptId = randomUUID();
    await trx
      .insertInto('sign_in_attempts')
      .values({ id: attemptId, at: now, email: key.email, source_ip: key.sourceIp ?? UNKNOWN_SOURCE, succeeded: 0 })
      .execute();
    return { throttled: false, attemptId };
  });
}

/** The reserved attempt had the right password for an enabled account: it stops counting as a failure. */
export async function recordSignInSuccess(db: Kysely<Database>, attemptId: string, now: number): Promise<void> {
  await db.updateTable('sign_in_attempts').set({ succeeded: 1 }).where('id', '=', attemptId).execute();
  // Rows only matter inside the window; a day's worth is plenty for looking into an incident
  // (the audit log keeps every attempt for good).
  await db.deleteFrom('sign_in_attempts').where('at', '<', now - 24 * 60 * 60 * 1000).execute();
}
