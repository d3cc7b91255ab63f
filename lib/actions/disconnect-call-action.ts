'use server';

import { z } from 'zod';
import { authorize } from '@/lib/auth/require-role';
import { disconnectCall } from '@/lib/calls';
import { getRuntime } from '@/lib/runtime';
import { DISCONNECT_FIELDS, type DisconnectCallState } from './disconnect-call-state';
import { formFields, formTextSchema, pickFieldErrors, UNREADABLE_FORM, zodFieldErrors } from './form-input';

const disconnectInput = z.object({ callId: formTextSchema, reason: formTextSchema });

/**
 * Confirms a disconnect from the board's dialog. An untrusted POST like any other: no session
 * means nothing is sent and nothing else happens. With a session, disconnectCall is the one place
 * that checks the role (operator and up), records a refusal as disconnect.denied and only then,
 * for an operator, records the request and sends the Disconnect.
 */
export async function disconnectCallAction(_previous: DisconnectCallState, form: FormData): Promise<DisconnectCallState> {
  const auth = await authorize('signed-in');
  if (!auth.ok) return { status: 'error', code: auth.error.code, message: auth.error.message, fieldErrors: {} };
  const input = disconnectInput.safeParse(formFields(form, DISCONNECT_FIELDS));
  if (!input.success) {
    return { status: 'error', code: 'invalid-input', message: UNREADABLE_FORM, fieldErrors: zodFieldErrors(input.error, DISCONNECT_FIELDS) };
  }
  const { deps } = await getRuntime();
  const result = await disconnectCall(deps, auth.data, input.data);
  if (!result.ok) {
    return {
      status: 'error',
      code: result.error.code,
      message: result.error.message,
      fieldErrors: pickFieldErrors(result.error.fieldErrors, DISCONNECT_FIELDS),
    };
  }
  return { status: 'done', result: result.data };
}
