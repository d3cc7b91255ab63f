'use client';

import { useActionState } from 'react';
import { createCheckpointAction } from '@/lib/actions/audit/create-checkpoint-action';
import { INITIAL_CHECKPOINT_STATE } from '@/lib/actions/audit/checkpoint-state';

/** "Sign a checkpoint now" (administrators): signs the head, recorded as audit.checkpoint. */
export function CheckpointButton() {
  const [state, formAction, pending] = useActionState(createCheckpointAction, INITIAL_CHECKPOINT_STATE);
  return (
    <form action={formAction} className="chain-status__form">
      <button type="submit" className="button button--small" disabled={pending}>
        {pending ? 'Signing…' : 'Sign a checkpoint now'}
      </button>
      <p className={state.status === 'error' ? 'form-problem' : 'form-status'} role="status" data-testid="checkpoint-status">
        {state.status === 'signed' ? `Signed a checkpoint of seq ${state.seq} at ${state.at}.` : null}
        {state.status === 'error' ? state.message : null}
      </p>
    </form>
  );
}
