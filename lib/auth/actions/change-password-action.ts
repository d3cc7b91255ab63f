'use server';

import { redirect } from 'next/navigation';
import { changePassword } from '../change-password';
import type { ChangePasswordState } from '../change-password-state';
import { MAX_PASSWORD_LENGTH } from '../password';
import { authorize } from '../require-role';
import { safeCallbackPath } from '../safe-callback-path';
import { getAppDatabase } from '../server-auth-options';

function text(form: FormData, name: string): string {
  const value = form.get(name);
  // Anything longer than a password can be is refused below without being hashed.
  return typeof value === 'string' ? value.slice(0, MAX_PASSWORD_LENGTH + 1) : '';
}

/** Sets the signed-in person's own password, then continues to where they were going. */
export async function changePasswordAction(_previous: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  const actor = await authorize('signed-in', { allowPasswordChange: true });
  if (!actor.ok) return { status: 'error', message: actor.error.message, fieldErrors: {} };
  const newPassword = text(form, 'newPassword');
  if (newPassword !== text(form, 'repeatPassword')) {
    const message = 'The two new passwords are not the same.';
    return { status: 'error', message, fieldErrors: { repeatPassword: message } };
  }
  const result = await changePassword(await getAppDatabase(), {
    userId: actor.data.id,
    currentPassword: text(form, 'currentPassword'),
    newPassword,
  });
  if (!result.ok) {
    return { status: 'error', message: result.error.message, fieldErrors: result.error.fieldErrors ?? {} };
  }
  redirect(safeCallbackPath(form.get('callbackUrl')));
}
