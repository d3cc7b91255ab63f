'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState, useTransition } from 'react';
import { controlBatchAction } from '@/lib/actions/batches/control-batch-action';
import type { Batch } from '@/lib/calls/bulk/batch-types';
import { batchQueryKey } from './batch-query';

/** Cancel (calls not yet sent stay unsent) while the run can stop; Resume when it paused or was interrupted. */
export function BatchControls({ batch }: { readonly batch: Batch }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [problem, setProblem] = useState<string | null>(null);
  const canCancel = batch.status === 'running' || batch.status === 'paused' || batch.status === 'interrupted';
  const canResume = batch.status === 'paused' || batch.status === 'interrupted';
  const send = (command: 'cancel' | 'resume') =>
    startTransition(async () => {
      try {
        const result = await controlBatchAction({ batchId: batch.batchId, command });
        setProblem(result.ok ? null : result.error.message);
      } catch {
        setProblem('The console could not answer just now. Reload the page to see where the run is.');
      }
      await queryClient.invalidateQueries({ queryKey: batchQueryKey(batch.batchId) });
    });
  if (!canCancel && !canResume && problem === null) return null;
  return (
    <>
      {canResume ? (
        <button type="button" className="button button--primary" disabled={pending} onClick={() => send('resume')}>
          Resume
        </button>
      ) : null}
      {canCancel ? (
        <button type="button" className="button button--danger-outline" disabled={pending} onClick={() => send('cancel')}>
          Cancel
        </button>
      ) : null}
      {problem ? (
        <p className="form-problem" role="alert">
          {problem}
        </p>
      ) : null}
    </>
  );
}
