'use server';

import { revalidatePath } from 'next/cache';
import { authorize } from '@/lib/auth/require-role';
import { issueApiToken, recordDeniedTokenChange } from '@/lib/auth/tokens/manage-tokens';
import { getRuntime } from '@/lib/runtime';
import type { CreateTokenState } from './token-action-state';

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.slice(0, 200) : '';
}

/** "Create token": administrators only; the token comes back once in the state and is never stored. */
export async function createTokenAction(_previous: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  const values = { owner: text(form, 'owner'), name: text(form, 'name') };
  const auth = await authorize(['admin']);
  const { db } = await getRuntime();
  if (!auth.ok) {
    if (auth.actor) await recordDeniedTokenChange(db, auth.actor, 'token.create');
    return { status: 'error', message: auth.error.message, fieldErrors: {}, values };
  }
  const created = await issueApiToken(db, auth.data, { userId: values.owner, name: values.name });
  if (!created.ok) {
    const fieldErrors = created.error.fieldErrors ?? {};
    return {
      status: 'error',
      message: created.error.message,
      fieldErrors: { owner: fieldErrors.owner, name: fieldErrors.name },
      values,
    };
  }
  revalidatePath('/settings/tokens');
  return { status: 'created', token: created.data.token, name: created.data.record.name, ownerEmail: created.data.record.ownerEmail };
}
