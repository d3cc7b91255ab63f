'use server';

import { revalidatePath } from 'next/cache';
import { authorize } from '@/lib/auth/require-role';
import { requestAuditCheckpoint } from '@/lib/audit/request-checkpoint';
import { getRuntime } from '@/lib/runtime';
import type { CheckpointActionState } from './checkpoint-state';

/** Signs the audit log's head now. Checks the role itself (administrators); the request is audited. */
export async function createCheckpointAction(_previous: CheckpointActionState, _form: FormData): Promise<CheckpointActionState> {
  const auth = await authorize(['admin']);
  const { db } = await getRuntime();
  if (!auth.ok) {
    // A signed-in person below admin: the domain refuses and puts the attempt on record.
    if (auth.actor) await requestAuditCheckpoint(db, auth.actor);
    return { status: 'error', message: auth.error.message };
  }
  const result = await requestAuditCheckpoint(db, auth.data);
  if (!result.ok) return { status: 'error', message: result.error.message };
  // The page's "Last signed checkpoint" line is rendered on the server: show the new one.
  revalidatePath('/audit');
  return { status: 'signed', seq: result.data.seq, at: new Date(result.data.at).toISOString() };
}
