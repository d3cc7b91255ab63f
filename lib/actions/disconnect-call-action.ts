'use server';

import { z } from 'zod';
import { authorize } from '@/lib/auth/require-role';
import { disconnectCall, recordDeniedDisconnect } from '@/lib/calls';
import { getRuntime } from '@/lib/runtime';
import { DISCONNECT_FIELDS, type DisconnectCallState } from './disconnect-call-state';
import { formFields, formTextSchema, pickFieldErrors, UNREADABLE_FORM, zodFieldErrors } from './form-input';

const disconnectInput = z.object({ callId: formTextSchema, reason: formTextSchema });

/**
 * Confirms a disconnect from the board's dialog. An untrusted POST like any other: it checks the
 * role itself (operator and up). No session: nothing is sent. A signed-in person below operator:
 * nothing is sent and the refusal is on record as disconnect.denied. disconnectCall checks again.
 */
export async function disconnectCallAction(_previous: DisconnectCallState, form: FormData): Promise<DisconnectCallState> {
  const auth = await authorize(['operator']);
  if (!auth.ok) {
    if (!auth.actor) return { status: 'error', code: auth.error.code, message: auth.error.message, fieldErrors: {} };
    const fields = formFields(form, DISCONNECT_FIELDS);
    const { deps } = await getRuntime();
    const denied = await recordDeniedDisconnect(deps, auth.actor, {
      callId: typeof fields.callId === 'string' ? fields.callId : '',
      reason: typeof fields.reason === 'string' ? fields.reason : '',
    });
    const { code, message } = denied.ok ? auth.error : denied.error;
    return { status: 'error', code, message, fieldErrors: {} };
  }
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
