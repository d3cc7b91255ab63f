'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useActionState, useEffect, useRef, useState, type RefObject } from 'react';
import { FormField } from '@/components/ui/form-field';
import { disconnectCallAction } from '@/lib/actions/disconnect-call-action';
import { INITIAL_DISCONNECT_CALL_STATE, type DisconnectCallState } from '@/lib/actions/disconnect-call-state';
import { MAX_REASON_LENGTH } from '@/lib/calls/input-checks';
import type { CallRow } from '@/lib/calls/types';
import { BOARD_QUERY_KEY } from './board-query';
import { displayState } from './call-display';
import { DisconnectResult } from './disconnect-result';
import { formatDuration } from './format';

interface DisconnectFormProps {
  readonly call: CallRow;
  readonly now: number;
  readonly verifyTimeoutMs: number;
  readonly cancelRef: RefObject<HTMLButtonElement | null>;
  /** Set while the request runs, so the dialog ignores Escape. */
  readonly busyRef: RefObject<boolean>;
  readonly onClose: () => void;
}

/** Names the call, asks for a reason, sends the disconnect once and shows its outcome. */
export function DisconnectForm({ call, now, verifyTimeoutMs, cancelRef, busyRef, onClose }: DisconnectFormProps) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [state, formAction, pending] = useActionState(async (previous: DisconnectCallState, form: FormData) => {
    const next = await disconnectCallAction(previous, form);
    // Whatever happened, the row changed (states were checked, the lock taken and released).
    void queryClient.invalidateQueries({ queryKey: BOARD_QUERY_KEY });
    return next;
  }, INITIAL_DISCONNECT_CALL_STATE);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    busyRef.current = pending;
  }, [pending, busyRef]);

  // The confirm button is gone once there is a result: put focus on the way out.
  useEffect(() => {
    if (state.status === 'done') closeRef.current?.focus();
  }, [state.status]);

  const shown = displayState(call);
  const done = state.status === 'done';
  const fieldErrors = state.status === 'error' ? state.fieldErrors : {};
  const generalError = state.status === 'error' && !fieldErrors.reason ? state.message : null;

  return (
    <form action={formAction} noValidate className="dialog__body" aria-describedby={done ? undefined : 'disconnect-intro'}>
      <h2 id="disconnect-heading">Disconnect this call?</h2>
      <dl className="facts facts--compact" data-testid="disconnect-call-facts">
        <dt>Label</dt>
        <dd>{call.label ?? <span className="muted">No label</span>}</dd>
        <dt>Call ID</dt>
        <dd>
          <code>{call.callId}</code>
        </dd>
        <dt>State</dt>
        <dd>
          {shown.label}
          {call.causeLabel && call.causeLabel !== 'None' ? ` (${call.causeLabel})` : ''}
        </dd>
        <dt>In state for</dt>
        <dd>{shown.since !== null ? formatDuration(now - shown.since) : '—'}</dd>
      </dl>
      <input type="hidden" name="callId" value={call.callId} />

      {done ? (
        <DisconnectResult result={state.result} />
      ) : (
        <>
          <p id="disconnect-intro" className="dialog__intro">
            The console asks the UM service to hang up once, then checks until the call has ended. Checking can take up
            to {formatDuration(verifyTimeoutMs)}; the dialog shows the result.
          </p>
          <FormField
            id="disconnect-reason"
            label="Reason"
            hint={
              <>
                Kept in the audit log with your name. <span data-testid="reason-counter">{reason.length} / {MAX_REASON_LENGTH}</span>{' '}
                characters.
              </>
            }
            error={fieldErrors.reason}
          >
            {(control) => (
              <textarea
                {...control}
                name="reason"
                className="input textarea"
                rows={3}
                required
                maxLength={MAX_REASON_LENGTH}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                readOnly={pending}
              />
            )}
          </FormField>
          {pending ? (
            <p className="dialog__pending" aria-live="polite">
              Disconnecting and checking with the UM service — up to {formatDuration(verifyTimeoutMs)}…
            </p>
          ) : null}
        </>
      )}

      <p className="form-problem" data-testid="disconnect-error" aria-live="assertive">
        {generalError ?? ''}
      </p>

      <div className="dialog__actions">
        {done ? (
          <button ref={closeRef} type="button" className="button" onClick={onClose}>
            Close
          </button>
        ) : (
          <>
            <button ref={cancelRef} type="button" className="button" onClick={onClose} disabled={pending}>
              Cancel
            </button>
            <button type="submit" className="button button--danger" disabled={pending} aria-busy={pending}>
              {pending ? 'Disconnecting…' : 'Disconnect call'}
            </button>
          </>
        )}
      </div>
    </form>
  );
}
