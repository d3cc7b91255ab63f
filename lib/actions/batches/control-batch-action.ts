'use server';

import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/require-role';
import { cancelBatch, resumeBatch } from '@/lib/calls';
import { fail, ok, type Result } from '@/lib/result';
import { getRuntime } from '@/lib/runtime';
import type { BatchActionErrorCode } from './batch-action-types';

const controlInput = z.object({ batchId: z.string().uuid(), command: z.enum(['cancel', 'resume']) });

/** Cancel (calls not yet sent are never sent) or Resume a bulk disconnect; operator and up. */
export async function controlBatchAction(input: unknown): Promise<Result<null, BatchActionErrorCode>> {
  const parsed = controlInput.safeParse(input);
  if (!parsed.success) return fail('invalid-input', 'There is no such bulk disconnect.');
  const auth = await authorize(['operator']);
  const { batchDeps } = await getRuntime();
  let actor: Actor;
  if (auth.ok) actor = auth.data;
  // Below operator: the domain records the refusal; signed out: there is no one to record.
  else if (auth.actor) actor = auth.actor;
  else return fail(auth.error.code, auth.error.message);
  const { batchId, command } = parsed.data;
  const result = command === 'cancel' ? await cancelBatch(batchDeps, actor, batchId) : await resumeBatch(batchDeps, actor, batchId);
  return result.ok ? ok(null) : fail(result.error.code, result.error.message);
}
