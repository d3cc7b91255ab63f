import type { Actor, AnonymousActor } from '../../auth/actor';
import { appendAuditEvent } from '../../audit/append-audit-event';
import type { AuditAction } from '../../audit/types';
import { fail, ok, type Result } from '../../result';
import { clockOf } from '../deps';
import { describeRefusal, mayOperate } from '../may-operate';
import { BATCH_MESSAGES } from './batch-messages';
import { findRunner } from './batch-registry';
import { launchBatch } from './batch-runner';
import { cancelPendingItems, setBatchStatus } from './batch-store';
import type { Batch, BatchDeps, BatchErrorCode, BatchStatus } from './batch-types';
import { getBatch } from './get-batch';

const STOPPABLE: readonly BatchStatus[] = ['running', 'paused', 'interrupted'];
const RESUMABLE: readonly BatchStatus[] = ['paused', 'interrupted'];

/**
 * Cancels a batch (operators and admins): calls not yet sent are never sent (marked cancelled);
 * calls already going through the workflow finish and keep their outcome. Audited as 'batch.cancel'.
 */
export async function cancelBatch(deps: BatchDeps, actor: Actor | AnonymousActor, batchId: string): Promise<Result<Batch, BatchErrorCode>> {
  const allowed = await checkActor(deps, actor, batchId, 'batch.cancel', 'cancel bulk disconnects');
  if (!allowed.ok) return allowed;
  const user = allowed.data;
  const batch = await getBatch(deps.db, batchId);
  if (!batch) return fail('not-found', 'There is no such bulk disconnect.');
  if (!STOPPABLE.includes(batch.status)) return fail('not-allowed-now', `This bulk disconnect is ${batch.status} already; there is nothing to cancel.`);

  const runner = findRunner(deps.db, batchId);
  // First, in this tick: no worker of this process takes another call after this line.
  if (runner) runner.wanted = 'cancel';
  const clock = clockOf(deps);
  const at = clock();
  const notSent = await deps.db.transaction().execute(async (trx) => {
    // Conditional, and first: the row lock it takes makes a second cancel (another request, another
    // process) wait and then find the batch no longer stoppable, so a batch is cancelled once.
    if (!(await setBatchStatus(trx, batchId, { status: 'cancelled', message: null, at, finished: true }, STOPPABLE))) return null;
    const count = await cancelPendingItems(trx, batchId, at);
    await setBatchStatus(trx, batchId, { status: 'cancelled', message: BATCH_MESSAGES.cancelled(user.email, count), at, finished: true });
    await appendAuditEvent(trx, { action: 'batch.cancel', actor: user, batchId, outcome: 'success', details: { notSent: count, statusBefore: batch.status } }, clock);
    return count;
  });
  if (notSent === null) {
    const now = await getBatch(deps.db, batchId);
    return fail('not-allowed-now', `This bulk disconnect is ${now?.status ?? 'gone'} already; there is nothing to cancel.`);
  }
  return ok((await getBatch(deps.db, batchId)) as Batch);
}

/**
 * Continues a paused or interrupted batch (operators and admins): its unsent calls are sent by
 * the person resuming, with the batch's reason. Audited as 'batch.resume'.
 */
export async function resumeBatch(deps: BatchDeps, actor: Actor | AnonymousActor, batchId: string): Promise<Result<Batch, BatchErrorCode>> {
  const allowed = await checkActor(deps, actor, batchId, 'batch.resume', 'resume bulk disconnects');
  if (!allowed.ok) return allowed;
  const user = allowed.data;
  const batch = await getBatch(deps.db, batchId);
  if (!batch) return fail('not-found', 'There is no such bulk disconnect.');
  if (!RESUMABLE.includes(batch.status)) return fail('not-allowed-now', `This bulk disconnect is ${batch.status}; only a paused or interrupted one can be resumed.`);
  const clock = clockOf(deps);
  const resumed = await deps.db.transaction().execute(async (trx) => {
    if (!(await setBatchStatus(trx, batchId, { status: 'running', message: null, at: clock() }, RESUMABLE))) return false;
    // The resuming instance runs it from now on (unless a runner here is still finishing it).
    await trx.updateTable('batches').set({ instance_id: deps.instanceId ?? null }).where('batch_id', '=', batchId).execute();
    await appendAuditEvent(trx, { action: 'batch.resume', actor: user, batchId, outcome: 'success', details: { statusBefore: batch.status } }, clock);
    return true;
  });
  if (!resumed) return fail('not-allowed-now', 'This bulk disconnect changed meanwhile; reload it and try again.');
  const runner = findRunner(deps.db, batchId);
  if (runner) {
    // Still finishing the calls in flight when it paused: it goes on with the rest.
    runner.actor = user;
    runner.failuresInRow = 0;
    runner.wanted = 'run';
  } else {
    launchBatch(deps, batchId, user, batch.reason);
  }
  return ok((await getBatch(deps.db, batchId)) as Batch);
}

async function checkActor(
  deps: BatchDeps,
  actor: Actor | AnonymousActor,
  batchId: string,
  action: AuditAction,
  what: string,
): Promise<Result<Actor, BatchErrorCode>> {
  if (actor.kind === 'user' && mayOperate(actor)) return ok(actor);
  await appendAuditEvent(deps.db, { action, actor, batchId, outcome: 'denied' }, clockOf(deps)).catch((error: unknown) =>
    console.error(`A refused ${action} could not be audited:`, error),
  );
  const message = describeRefusal(actor, what);
  return actor.kind === 'user' ? fail('forbidden', message) : fail('unauthenticated', message);
}
