import { SYSTEM_ACTOR } from '../../auth/actor';
import { appendAuditEvent } from '../../audit/append-audit-event';
import { findLiveInstances } from '../../coordination/live-instances';
import { clockOf, type CallsDeps } from '../deps';
import { BATCH_MESSAGES } from './batch-messages';
import { runnersFor } from './batch-registry';
import { countItems, setBatchStatus } from './batch-store';

export interface InterruptedBatch {
  readonly batchId: string;
  /** Calls that were not sent and stay unsent until an operator resumes the batch. */
  readonly notSent: number;
}

/**
 * Run at start, after recoverUnfinishedAttempts, and by the leader when another instance died:
 * batches left 'running' by a process that died become 'interrupted' (one running here, or owned
 * by an instance that is alive, is left alone). A call that was mid-workflow takes the outcome its audit pair recorded
 * (recovery has closed cut-short attempts as unknown); one whose request never reached the audit
 * log was not sent and goes back to pending. Nothing is sent from here.
 */
export async function interruptAbandonedBatches(deps: CallsDeps): Promise<InterruptedBatch[]> {
  const { db } = deps;
  const clock = clockOf(deps);
  const running = runnersFor(db);
  const rows = await db.selectFrom('batches').select(['batch_id', 'instance_id']).where('status', '=', 'running').orderBy('created_at', 'asc').execute();
  const live = await findLiveInstances(db, rows.flatMap((row) => (row.instance_id ? [row.instance_id] : [])));
  const interrupted: InterruptedBatch[] = [];
  for (const { batch_id: batchId, instance_id: owner } of rows) {
    if (running.has(batchId) || (owner !== null && live.has(owner))) continue;
    await settleCutShortItems(deps, batchId);
    const notSent = await countItems(db, batchId, 'pending');
    const at = clock();
    const status = notSent === 0 ? 'finished' : 'interrupted';
    const message = notSent === 0 ? null : BATCH_MESSAGES.interrupted(notSent);
    if (!(await setBatchStatus(db, batchId, { status, message, at, finished: notSent === 0 }, ['running']))) continue;
    await appendAuditEvent(
      db,
      { action: notSent === 0 ? 'batch.finish' : 'batch.interrupt', actor: SYSTEM_ACTOR, batchId, outcome: notSent === 0 ? 'success' : 'failure', details: { notSent, recovered: true } },
      clock,
    );
    interrupted.push({ batchId, notSent });
  }
  return interrupted;
}

async function settleCutShortItems(deps: CallsDeps, batchId: string): Promise<void> {
  const { db } = deps;
  const at = clockOf(deps)();
  const items = await db.selectFrom('batch_items').select(['position', 'call_id']).where('batch_id', '=', batchId).where('status', '=', 'running').execute();
  for (const item of items) {
    const requested = await db
      .selectFrom('audit_events')
      .select(['attempt_id', 'seq'])
      .where('batch_id', '=', batchId)
      .where('target_call_id', '=', item.call_id)
      .where('action', '=', 'disconnect.requested')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    const where = db.updateTable('batch_items').where('batch_id', '=', batchId).where('position', '=', item.position);
    if (!requested?.attempt_id) {
      await where.set({ status: 'pending', started_at: null, message: BATCH_MESSAGES.interruptedItem }).execute();
      continue;
    }
    const completed = await db
      .selectFrom('audit_events')
      .select(['outcome', 'fault_code', 'fault_text'])
      .where('attempt_id', '=', requested.attempt_id)
      .where('action', '=', 'disconnect.completed')
      .executeTakeFirst();
    await where
      .set({
        status: 'done',
        outcome: completed?.outcome ?? 'unknown',
        fault_code: completed?.fault_code ?? null,
        message: completed
          ? (completed.fault_text ?? 'The console restarted before this result reached the batch; it was taken from the audit log.')
          : 'The console stopped while this call was being disconnected; whether it was hung up is not known.',
        attempt_id: requested.attempt_id,
        audit_seq: Number(requested.seq),
        finished_at: at,
      })
      .execute();
  }
}
