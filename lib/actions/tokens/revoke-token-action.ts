'use server';

import { revalidatePath } from 'next/cache';
import { authorize } from '@/lib/auth/require-role';
import { recordDeniedTokenChange, withdrawApiToken } from '@/lib/auth/tokens/manage-tokens';
import { getRuntime } from '@/lib/runtime';

/** "Revoke": administrators only; the token stops working at its next request. */
export async function revokeTokenAction(form: FormData): Promise<void> {
  const auth = await authorize(['admin']);
  const { db } = await getRuntime();
  if (!auth.ok) {
    // Signed out: there is no one to record; either way nothing is changed.
    if (auth.actor) await recordDeniedTokenChange(db, auth.actor, 'token.revoke');
    return;
  }
  const id = form.get('tokenId');
  if (typeof id !== 'string' || id.length > 64) return;
  await withdrawApiToken(db, auth.data, id);
  revalidatePath('/settings/tokens');
}
