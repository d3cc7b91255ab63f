import type { Kysely } from 'kysely';
import { fail, ok, type Result } from '../result';
import type { Database } from '../db/schema';
import { systemClock, type Clock } from './clock';
import { hashPassword, verifyPassword } from './password';
import { findCredentialsById, storePasswordHash } from './user-credentials';
import { passwordSchema } from './user-input';
import type { UserDto } from './users';

export type ChangePasswordError = 'invalid-input' | 'wrong-password' | 'not-found';

export interface PasswordChange {
  readonly userId: string;
  readonly currentPassword: string;
  readonly newPassword: string;
}

/**
 * Replaces a user's password after checking the current one; clears "must change password", so a
 * printed one-time password stops working the moment it has been used to set a real one.
 */
export async function changePassword(
  db: Kysely<Database>,
  change: PasswordChange,
  clock: Clock = systemClock,
): Promise<Result<UserDto, ChangePasswordError>> {
  const parsed = passwordSchema.safeParse(change.newPassword);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Choose another password.';
    return fail('invalid-input', message, { newPassword: message });
  }
  const stored = await findCredentialsById(db, change.userId);
  if (!stored || stored.user.disabledAt !== null) return fail('not-found', 'Your account is no longer available.');
  if (!(await verifyPassword(change.currentPassword, stored.passwordHash))) {
    const message = 'That is not your current password.';
    return fail('wrong-password', message, { currentPassword: message });
  }
  if (change.newPassword === change.currentPassword) {
    const message = 'The new password must differ from the current one.';
    return fail('invalid-input', message, { newPassword: message });
  }
  await storePasswordHash(db, stored.user.id, await hashPassword(change.newPassword), false, clock);
  return ok({ ...stored.user, mustChangePassword: false, updatedAt: clock() });
}
