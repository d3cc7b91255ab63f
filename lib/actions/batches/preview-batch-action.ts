'use server';

import { authorize } from '@/lib/auth/require-role';
import { previewBatch, startBatch } from '@/lib/calls';
import { fail, ok, type Result } from '@/lib/result';
import { getRuntime } from '@/lib/runtime';
import type { BatchActionErrorCode, BatchPreviewData } from './batch-action-types';
import { selectionSchema } from './selection-schema';

/** Lists every call a bulk disconnect would send, before anything is sent (operator and up). */
export async function previewBatchAction(selection: unknown): Promise<Result<BatchPreviewData, BatchActionErrorCode>> {
  const auth = await authorize(['operator']);
  if (!auth.ok) {
    // The preview is a bulk disconnect's first step: a signed-in person below operator trying it
    // is on record as a refused batch.start (startBatch refuses and records it; nothing is listed).
    if (auth.actor) await startBatch((await getRuntime()).batchDeps, auth.actor, { callIds: [], reason: '' });
    return fail(auth.error.code, auth.error.message);
  }
  const input = selectionSchema.safeParse(selection);
  if (!input.success) return fail('invalid-input', 'The selection could not be read; choose the calls again.');
  const { db } = await getRuntime();
  const preview = await previewBatch(db, input.data);
  if (!preview.ok) return preview;
  return ok({
    needsConfirmation: preview.data.needsConfirmation,
    calls: preview.data.calls.map((call) => ({
      callId: call.callId,
      label: call.label,
      stateLabel: call.stateLabel,
      stuckText: call.stuck?.text ?? null,
    })),
  });
}
