'use server';

import { z } from 'zod';
import { authorize } from '@/lib/auth/require-role';
import { startBatch, type StartedBatch } from '@/lib/calls';
import { fail, type Result } from '@/lib/result';
import { getRuntime } from '@/lib/runtime';
import { MAX_FIELD_CHARS } from '../form-input';
import type { BatchActionErrorCode } from './batch-action-types';
import { selectionSchema } from './selection-schema';

const startInput = z.object({
  selection: selectionSchema,
  reason: z.string().max(MAX_FIELD_CHARS, 'This is far too long.'),
  expectedCount: z.number().int().nonnegative().nullable(),
});

/**
 * Starts a bulk disconnect. Checks the role itself; startBatch checks again, audits a refusal,
 * and compares the typed count with the calls it finds now.
 */
export async function startBatchAction(input: unknown): Promise<Result<StartedBatch, BatchActionErrorCode>> {
  const auth = await authorize(['operator']);
  const { batchDeps } = await getRuntime();
  if (!auth.ok) {
    if (!auth.actor) return fail(auth.error.code, auth.error.message);
    // A signed-in person below operator: startBatch puts the refusal on record and sends nothing.
    return startBatch(batchDeps, auth.actor, { callIds: [], reason: '' });
  }
  const parsed = startInput.safeParse(input);
  if (!parsed.success) return fail('invalid-input', 'The form could not be read; check the fields marked.');
  const { selection, reason, expectedCount } = parsed.data;
  const base = { reason, expectedCount };
  return startBatch(batchDeps, auth.data, 'filter' in selection ? { ...base, filter: selection.filter } : { ...base, callIds: selection.callIds });
}
