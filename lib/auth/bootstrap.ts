import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAuditEvent } from '../audit/append-audit-event';
import type { Database } from '../db/schema';
import { SYSTEM_ACTOR } from './actor';
import { systemClock, type Clock } from './clock';
import { hashPassword } from './password';

export const BOOTSTRAP_ADMIN_EMAIL = 'admin@localhost';
const BOOTSTRAP_ADMIN_NAME = 'Administrator';
// No look-alikes (0/O, 1/l/I): the password is read off a log and typed in by hand.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const PASSWORD_LENGTH = 20;

export type BootstrapResult = { readonly created: false } | { readonly created: true; readonly userId: string; readonly email: string };

/**
 * On a console without users, creates the first administrator with a random one-time password
 * and prints it once through `log`. Safe to call from several places or processes at once: the
 * insert only happens on an empty table and cannot happen twice for the same email, and only
 * the caller whose insert took effect prints and audits.
 */
export async function ensureBootstrapAdmin(
  db: Kysely<Database>,
  log: (message: string) => void,
  clock: Clock = systemClock,
): Promise<BootstrapResult> {
  if (!(await isUsersTableEmpty(db))) return { created: false };
  const password = generateOneTimePassword();
  const id = randomUUID();
  const now = clock();
  const inserted = await db
    .insertInto('users')
    .values({
      id,
      email: BOOTSTRAP_ADMIN_EMAIL,
      display_name: BOOTSTRAP_ADMIN_NAME,
      role: 'admin',
      password_hash: await hashPassword(password),
      must_change_password: 1,
      disabled_at: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((conflict) => conflict.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  // No row back: another caller's insert won the race.
  if (inserted?.id !== id) return { created: false };
  // Printed before the audit append: if that failed, an administrator nobody knows the password
  // of would lock everyone out.
  log(formatBootstrapMessage(BOOTSTRAP_ADMIN_EMAIL, password));
  await appendAuditEvent(
    db,
    { action: 'auth.bootstrap_admin', actor: SYSTEM_ACTOR, outcome: 'success', details: { userId: id, email: BOOTSTRAP_ADMIN_EMAIL } },
    clock,
  );
  return { created: true, userId: id, email: BOOTSTRAP_ADMIN_EMAIL };
}

async function isUsersTableEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** 20 characters from a 55-letter alphabet: about 115 bits. */
export function generateOneTimePassword(): string {
  return Array.from({ length: PASSWORD_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

export function formatBootstrapMessage(email: string, password: string): string {
  const rule = '='.repeat(72);
  return [
    rule,
    'UM Call Console: no users yet, so an administrator account was created.',
    '',
    `  Email:     ${email}`,
    `  Password:  ${password}`,
    '',
    'The password works for one sign-in: the console then asks for a new one.',
    'It is shown only this once. Sign in at /sign-in.',
    rule,
  ].join('\n');
}
