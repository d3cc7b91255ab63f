'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { placeTestCallAction } from '@/lib/actions/place-test-call-action';
import { INITIAL_PLACE_TEST_CALL_STATE, type PlaceTestCallState } from '@/lib/actions/place-test-call-state';
import { MAX_LABEL_LENGTH } from '@/lib/calls/input-checks';
import { BOARD_QUERY_KEY } from './board-query';
import { nameOfCall } from './call-display';
import { shortenCallId } from './format';

/** The embedded simulator's entry ID that plays a voice mail item. */
const DEMO_ENTRY_ID = 'AAAA';

/** "Place test call": PlayOnPhone, and the new call is tracked. `demo`: the embedded simulator answers. */
export function PlaceTestCallForm({ demo }: { readonly demo: boolean }) {
  const queryClient = useQueryClient();
  const [state, formAction, pending] = useActionState(async (previous: PlaceTestCallState, form: FormData) => {
    const next = await placeTestCallAction(previous, form);
    if (next.status === 'placed') void queryClient.invalidateQueries({ queryKey: BOARD_QUERY_KEY });
    return next;
  }, INITIAL_PLACE_TEST_CALL_STATE);
  const values = state.status === 'idle' ? { entryId: demo ? DEMO_ENTRY_ID : '', dialString: '', label: '' } : state.values;
  const errors = state.status === 'error' ? state.fieldErrors : {};

  return (
    <form action={formAction} noValidate className="panel form-panel" aria-labelledby="place-test-call-heading">
      <h2 id="place-test-call-heading">Place a test call</h2>
      <p className="form-panel__intro">
        Calls a phone with PlayOnPhone, playing a voice mail item, and tracks the new call here.
      </p>
      <FormField
        id="test-call-entry-id"
        label="Entry ID"
        error={errors.entryId}
        hint={demo ? <>The demo simulator plays any entry ID; {DEMO_ENTRY_ID} is filled in.</> : 'The EWS id of a voice mail item in the service account’s mailbox.'}
      >
        {(control) => (
          <input {...control} name="entryId" className="input mono" defaultValue={values.entryId} autoComplete="off" spellCheck={false} />
        )}
      </FormField>
      <FormField
        id="test-call-dial-string"
        label="Dial string"
        error={errors.dialString}
        hint={
          demo ? (
            <>
              Demo simulator: a number ending <code>9999</code> gets stuck (the hang-up is accepted, the call stays up),{' '}
              <code>1111</code> is busy, <code>0000</code> never answers; any other number answers.
            </>
          ) : (
            'The number to call, as the UM dial plan expects it.'
          )
        }
      >
        {(control) => (
          <input
            {...control}
            name="dialString"
            className="input"
            defaultValue={values.dialString}
            placeholder={demo ? '+1 425 555 0100' : undefined}
            autoComplete="off"
          />
        )}
      </FormField>
      {/* Not called "Label": the Track call form's field owns that name on this page. */}
      <FormField id="test-call-label" label="Name on the board" labelNote="optional" error={errors.label}>
        {(control) => (
          <input {...control} name="label" className="input" defaultValue={values.label} maxLength={MAX_LABEL_LENGTH} autoComplete="off" />
        )}
      </FormField>
      <div className="form-panel__actions">
        <button type="submit" className="button button--primary" disabled={pending} aria-busy={pending}>
          Place test call
        </button>
        <p className={`form-status form-status--${pending ? 'pending' : state.status}`} role="status" data-testid="place-test-call-status">
          {pending ? 'Placing the call…' : describe(state)}
        </p>
      </div>
    </form>
  );
}

function describe(state: PlaceTestCallState): string {
  switch (state.status) {
    case 'idle':
      return '';
    case 'error':
      return state.message;
    case 'placed':
      return `Test call placed and tracked: ${nameOfCall(state.call)} (${shortenCallId(state.call.callId)}), ${state.call.stateLabel}.`;
  }
}
