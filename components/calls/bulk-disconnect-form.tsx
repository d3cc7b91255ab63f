'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition, type RefObject } from 'react';
import { FormField } from '@/components/ui/form-field';
import type { BatchPreviewData, BulkSelectionInput } from '@/lib/actions/batches/batch-action-types';
import { previewBatchAction } from '@/lib/actions/batches/preview-batch-action';
import { startBatchAction } from '@/lib/actions/batches/start-batch-action';
import { MAX_REASON_LENGTH } from '@/lib/calls/input-checks';
import { BulkPreviewList } from './bulk-preview-list';

interface BulkDisconnectFormProps {
  readonly selection: BulkSelectionInput;
  readonly cancelRef: RefObject<HTMLButtonElement | null>;
  readonly busyRef: RefObject<boolean>;
  readonly onClose: () => void;
}

type Preview = { readonly status: 'loading' } | { readonly status: 'ready'; readonly data: BatchPreviewData } | { readonly status: 'error'; readonly message: string };

const UNEXPECTED = 'The console could not answer just now; nothing was sent. Try again.';

/** Lists every call that will be disconnected, asks for one reason (and the count above 10), then starts the run. */
export function BulkDisconnectForm({ selection, cancelRef, busyRef, onClose }: BulkDisconnectFormProps) {
  const router = useRouter();
  const [preview, setPreview] = useState<Preview>({ status: 'loading' });
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<{ message: string; fieldErrors: Readonly<Record<string, string>> } | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    let live = true;
    previewBatchAction(selection).then(
      (result) => live && setPreview(result.ok ? { status: 'ready', data: result.data } : { status: 'error', message: result.error.message }),
      () => live && setPreview({ status: 'error', message: UNEXPECTED }),
    );
    return () => {
      live = false;
    };
  }, [selection]);

  useEffect(() => {
    busyRef.current = pending;
  }, [pending, busyRef]);

  const calls = preview.status === 'ready' ? preview.data.calls : [];
  const needsCount = preview.status === 'ready' && preview.data.needsConfirmation;
  const start = () =>
    startTransition(async () => {
      const expectedCount = needsCount ? (/^\d+$/.test(typed.trim()) ? Number(typed.trim()) : -1) : null;
      if (expectedCount === -1) {
        setProblem({ message: 'Type the number of calls to confirm.', fieldErrors: { expectedCount: `Type ${calls.length} to confirm.` } });
        return;
      }
      try {
        const result = await startBatchAction({ selection, reason, expectedCount });
        if (result.ok) {
          router.push(`/calls/batches/${encodeURIComponent(result.data.batchId)}`);
          return;
        }
        setProblem({ message: result.error.message, fieldErrors: result.error.fieldErrors ?? {} });
      } catch {
        setProblem({ message: UNEXPECTED, fieldErrors: {} });
      }
    });

  return (
    <form
      className="dialog__body"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        start();
      }}
    >
      <h2 id="bulk-heading">Disconnect {preview.status === 'ready' ? (calls.length === 1 ? 'this call' : `these ${calls.length} calls`) : 'the selected calls'}?</h2>
      {preview.status === 'loading' ? <p aria-live="polite">Listing the calls that would be disconnected…</p> : null}
      {preview.status === 'error' ? (
        <p className="form-problem" role="alert">
          {preview.message}
        </p>
      ) : null}
      {preview.status === 'ready' ? (
        <>
          <p className="dialog__intro">
            Every call below is sent one Disconnect, through the same workflow as a single disconnect, with its own audit
            entries under one batch. The run goes on on the server if you close this tab.
          </p>
          <BulkPreviewList calls={calls} />
          <FormField
            id="bulk-reason"
            label="Reason"
            hint="One reason for every call of the batch; it goes into the audit log."
            error={problem?.fieldErrors.reason}
          >
            {(control) => (
              <textarea {...control} name="reason" className="input textarea" rows={2} maxLength={MAX_REASON_LENGTH} value={reason} onChange={(event) => setReason(event.target.value)} />
            )}
          </FormField>
          {needsCount ? (
            <FormField id="bulk-count" label={`Type ${calls.length} to confirm`} hint="The number of calls above, so a large batch is never started by accident." error={problem?.fieldErrors.expectedCount}>
              {(control) => <input {...control} name="expectedCount" className="input input--short" inputMode="numeric" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} />}
            </FormField>
          ) : null}
        </>
      ) : null}
      {problem && !problem.fieldErrors.reason && !problem.fieldErrors.expectedCount ? (
        <p className="form-problem" role="alert" data-testid="bulk-error">
          {problem.message}
        </p>
      ) : null}
      <div className="dialog__actions">
        <button type="button" ref={cancelRef} className="button" onClick={onClose} disabled={pending}>
          Cancel
        </button>
        {preview.status === 'ready' ? (
          <button type="submit" className="button button--danger" disabled={pending}>
            {pending ? 'Starting…' : `Disconnect ${calls.length} ${calls.length === 1 ? 'call' : 'calls'}`}
          </button>
        ) : null}
      </div>
    </form>
  );
}
