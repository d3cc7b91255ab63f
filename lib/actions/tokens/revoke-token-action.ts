'use server';

import { revalidatePath } from 'next/cache';
import { authorize } from '@/lib/auth/require-role';
import { withdrawApiToken } from '@/lib/auth/tokens/manage-tokens';
import { getRuntime } from '@/lib/runtime';

/** "Revoke": administrators only; the token stops working at its next request. */
export async function revokeTokenAction(form: FormData): Promise<void> {
  const auth = await authorize(['admin']);
  if (!auth.ok) return;
  const id = form.get('tokenId');
  if (typeof id !== 'string' || id.length > 64) return;
  const { db } = await getRuntime();
  await withdrawApiToken(db, auth.data, id);
  revalidatePath('/settings/tokens');
}
