import type { Kysely } from 'kysely';
import { appendAuditEvent } from '../audit/append-audit-event';
import type { Database } from '../db/schema';
import type { Actor, AnonymousActor } from './actor';
import { userActor } from './user-actor';
import { systemClock, type Clock } from './clock';
import { verifyAgainstDummy, verifyPassword, MAX_PASSWORD_LENGTH } from './password';
import { recordSignInSuccess, reserveSignInAttempt, type AttemptKey } from './sign-in-throttle';
import type { SignInError } from './sign-in-errors';
import { findCredentialsByEmail } from './user-credentials';
import { normalizeEmail } from './user-input';
import type { UserDto } from './users';

// eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced here
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

export interface SignInAttempt {
  readonly email: string;
  readonly password: string;
  readonly sourceIp: string | null;
  readonly userAgent: string | null;
}

export type SignInResult = { readonly ok: true; readonly user: UserDto } | { readonly ok: false; readonly error: SignInError };

/** How a sign-in attempt shows in the audit log. */
export const PASSWORD_AUTH_METHOD = 'password';

/**
 * Checks one sign-in attempt: throttling first (a refused attempt never looks at the password),
 * then the password (an unknown email costs the same time as a known one), then the account's
 * state. Every attempt, whatever its outcome, is appended to the audit log as auth.sign_in; when
 * that append fails, nobody is signed in.
 */
export async function signInWithPassword(
  db: Kysely<Database>,
  attempt: SignInAttempt,
  clock: Clock = systemClock,
): Promise<SignInResult> {
  // No account's email has control characters, so such a claim can only fail; it is recorded (and
  // counted) with each one shown as U+FFFD, because PostgreSQL refuses a NUL in text outright.
  const claimed = normalizeEmail(attempt.email).replace(CONTROL_CHARACTERS, '\ufffd');
  const key: AttemptKey = { email: claimed.slice(0, 254), sourceIp: attempt.sourceIp };
  const anonymous: AnonymousActor = {
    kind: 'anonymous',
    claimedEmail: key.email || null,
    authMethod: PASSWORD_AUTH_METHOD,
    sourceIp: attempt.sourceIp,
    userAgent: attempt.userAgent,
  };
  const audit = (actor: Actor | AnonymousActor, outcome: 'success' | 'failure' | 'throttled', details: Record<string, unknown>) =>
    appendAuditEvent(db, { action: 'auth.sign_in', actor, outcome, details }, clock);

  // Counted as a failure from here on, until the password and the account prove otherwise.
  const throttle = await reserveSignInAttempt(db, key, clock());
  if (throttle.throttled) {
    const scope = throttle.scope;
    await audit(anonymous, 'throttled', { reason: `throttled-${scope}`, retryAt: new Date(throttle.retryAt).toISOString() });
    return { ok: false, error: { code: scope === 'account' ? 'throttled-account' : 'throttled-address', retryAt: throttle.retryAt } };
  }

  const password = attempt.password.length > MAX_PASSWORD_LENGTH ? '' : attempt.password;
  const stored = key.email ? await findCredentialsByEmail(db, key.email) : undefined;
  const matches = stored && password ? await verifyPassword(password, stored.passwordHash) : await verifyAgainstDummy(password);
  if (!stored || !matches) {
    await audit(anonymous, 'failure', { reason: 'bad-credentials' });
    return { ok: false, error: { code: 'bad-credentials' } };
  }
  const { user } = stored;
  if (user.disabledAt !== null) {
    await audit({ ...anonymous, claimedEmail: user.email }, 'failure', { reason: 'disabled' });
    return { ok: false, error: { code: 'disabled' } };
  }
  await recordSignInSuccess(db, throttle.attemptId, clock());
  await audit(userActor(user, PASSWORD_AUTH_METHOD, attempt.sourceIp, attempt.userAgent), 'success', {
    mustChangePassword: user.mustChangePassword,
  });
  return { ok: true, user };
}
