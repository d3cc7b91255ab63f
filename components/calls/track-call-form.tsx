'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { trackCallAction } from '@/lib/actions/track-call-action';
import { INITIAL_TRACK_CALL_STATE, type TrackCallState } from '@/lib/actions/track-call-state';
import { MAX_LABEL_LENGTH } from '@/lib/calls/input-checks';
import { BOARD_QUERY_KEY } from './board-query';
import { nameOfCall } from './call-display';
import { shortenCallId } from './format';

const EMPTY = { callId: '', label: '' };

/** "Track call": puts a CallId someone was given on the board. */
export function TrackCallForm() {
  const queryClient = useQueryClient();
  const [state, formAction, pending] = useActionState(async (previous: TrackCallState, form: FormData) => {
    const next = await trackCallAction(previous, form);
    if (next.status === 'tracked') void queryClient.invalidateQueries({ queryKey: BOARD_QUERY_KEY });
    return next;
  }, INITIAL_TRACK_CALL_STATE);
  const values = state.status === 'error' ? state.values : EMPTY;
  const errors = state.status === 'error' ? state.fieldErrors : {};

  return (
    <form action={formAction} noValidate className="panel form-panel" aria-labelledby="track-call-heading">
      <h2 id="track-call-heading">Track a call</h2>
      <p className="form-panel__intro">
        The UM service cannot list calls, so the board shows the ones it is given. Paste the CallId that PlayOnPhone
        returned.
      </p>
      <FormField id="track-call-id" label="Call ID" error={errors.callId} hint="Base64 text, up to 1420 characters.">
        {(control) => (
          <input
            {...control}
            name="callId"
            className="input mono"
            defaultValue={values.callId}
            autoComplete="off"
            spellCheck={false}
            required
          />
        )}
      </FormField>
      <FormField id="track-call-label" label="Label" labelNote="optional" error={errors.label}>
        {(control) => (
          <input {...control} name="label" className="input" defaultValue={values.label} maxLength={MAX_LABEL_LENGTH} autoComplete="off" />
        )}
      </FormField>
      <div className="form-panel__actions">
        <button type="submit" className="button button--primary" disabled={pending} aria-busy={pending}>
          Track call
        </button>
        <p className={`form-status form-status--${pending ? 'pending' : state.status}`} role="status" data-testid="track-call-status">
          {pending ? 'Tracking…' : describe(state)}
        </p>
      </div>
    </form>
  );
}

function describe(state: TrackCallState): string {
  switch (state.status) {
    case 'idle':
      return '';
    case 'error':
      return state.message;
    case 'tracked': {
      const { call, note } = state;
      if (note) return note;
      const now = call.ended ? 'it has already ended' : `state: ${call.stateLabel}`;
      return `Now tracking ${nameOfCall(call)} (${shortenCallId(call.callId)}); ${now}.`;
    }
  }
}
