'use server';

import { z } from 'zod';
import { authorize } from '@/lib/auth/require-role';
import { trackCall } from '@/lib/calls';
import { getRuntime } from '@/lib/runtime';
import { echoFields, formFields, formTextSchema, pickFieldErrors, UNREADABLE_FORM, zodFieldErrors } from './form-input';
import { TRACK_CALL_FIELDS, type TrackCallState } from './track-call-state';

const trackCallInput = z.object({ callId: formTextSchema, label: formTextSchema.optional() });

/**
 * "Track call": adds a CallId to the board. It checks the role itself (operator and up);
 * trackCall checks again, and records a refusal as call.track denied.
 */
export async function trackCallAction(_previous: TrackCallState, form: FormData): Promise<TrackCallState> {
  const values = echoFields(form, TRACK_CALL_FIELDS);
  const auth = await authorize(['operator']);
  if (!auth.ok) {
    // A signed-in person below operator: trackCall refuses and puts the attempt on record.
    if (auth.actor) await trackCall((await getRuntime()).deps, auth.actor, { callId: '' }, 'browser');
    return { status: 'error', message: auth.error.message, fieldErrors: {}, values };
  }
  const input = trackCallInput.safeParse(formFields(form, TRACK_CALL_FIELDS));
  if (!input.success) {
    return { status: 'error', message: UNREADABLE_FORM, fieldErrors: zodFieldErrors(input.error, TRACK_CALL_FIELDS), values };
  }
  const { deps } = await getRuntime();
  const result = await trackCall(deps, auth.data, input.data, 'browser');
  if (!result.ok) {
    return {
      status: 'error',
      message: result.error.message,
      fieldErrors: pickFieldErrors(result.error.fieldErrors, TRACK_CALL_FIELDS),
      values,
    };
  }
  return { status: 'tracked', call: result.data.call, note: result.data.note };
}
