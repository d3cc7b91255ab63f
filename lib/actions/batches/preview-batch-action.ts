'use server';

import { authorize } from '@/lib/auth/require-role';
import { previewBatch } from '@/lib/calls';
import { fail, ok, type Result } from '@/lib/result';
import { getRuntime } from '@/lib/runtime';
import type { BatchActionErrorCode, BatchPreviewData } from './batch-action-types';
import { selectionSchema } from './selection-schema';

/** Lists every call a bulk disconnect would send, before anything is sent (operator and up). */
export async function previewBatchAction(selection: unknown): Promise<Result<BatchPreviewData, BatchActionErrorCode>> {
  const auth = await authorize(['operator']);
  if (!auth.ok) return fail(auth.error.code, auth.error.message);
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
