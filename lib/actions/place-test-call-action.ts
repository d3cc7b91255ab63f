'use server';

import { z } from 'zod';
import { authorize } from '@/lib/auth/require-role';
import { placeTestCall } from '@/lib/calls';
import { getRuntime } from '@/lib/runtime';
import { echoFields, formFields, formTextSchema, pickFieldErrors, UNREADABLE_FORM, zodFieldErrors } from './form-input';
import { PLACE_TEST_CALL_FIELDS, type PlaceTestCallState } from './place-test-call-state';

const placeTestCallInput = z.object({ entryId: formTextSchema, dialString: formTextSchema, label: formTextSchema.optional() });

/**
 * "Place test call": PlayOnPhone, then the new CallId is tracked. It checks the role itself
 * (operator and up); placeTestCall checks again.
 */
export async function placeTestCallAction(_previous: PlaceTestCallState, form: FormData): Promise<PlaceTestCallState> {
  const values = echoFields(form, PLACE_TEST_CALL_FIELDS);
  const auth = await authorize(['operator']);
  if (!auth.ok) {
    // A signed-in person below operator: placeTestCall refuses before any SOAP and puts it on record.
    if (auth.actor) await placeTestCall((await getRuntime()).deps, auth.actor, { entryId: '', dialString: '' });
    return { status: 'error', message: auth.error.message, fieldErrors: {}, values };
  }
  const input = placeTestCallInput.safeParse(formFields(form, PLACE_TEST_CALL_FIELDS));
  if (!input.success) {
    return { status: 'error', message: UNREADABLE_FORM, fieldErrors: zodFieldErrors(input.error, PLACE_TEST_CALL_FIELDS), values };
  }
  const { deps } = await getRuntime();
  const result = await placeTestCall(deps, auth.data, input.data);
  if (!result.ok) {
    return {
      status: 'error',
      message: result.error.message,
      fieldErrors: pickFieldErrors(result.error.fieldErrors, PLACE_TEST_CALL_FIELDS),
      values,
    };
  }
  return { status: 'placed', call: result.data.call, values };
}
