import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor, AnonymousActor } from '../../auth/actor';
import { appendAuditEvent } from '../../audit/append-audit-event';
import type { Database } from '../../db/schema';
import { lockForWriting } from '../../db/write-lock';
import { fail, ok, type Result } from '../../result';
import { clockOf } from '../deps';
import { checkReason } from '../input-checks';
import { describeRefusal, mayOperate } from '../may-operate';
import type { CallRow } from '../types';
import { launchBatch } from './batch-runner';
import type { BatchDeps, BatchErrorCode, BatchStatus, StartBatchInput } from './batch-types';
import { CONFIRM_ABOVE, previewBatch } from './resolve-selection';

export interface StartedBatch {
  readonly batchId: string;
  readonly total: number;
  readonly status: BatchStatus;
}

/**
 * Starts a bulk disconnect: checks the actor (operator or admin), the reason, the calls (tracked,
 * not ended, at most 1000) and, above 10 calls, the typed count; then stores the batch with one
 * item per call and its 'batch.start' audit event together, and runs it server-side. Each call
 * goes through disconnectCall with the batch id, so it gets its own audit pair.
 */
export async function startBatch(
  deps: BatchDeps,
  actor: Actor | AnonymousActor,
  input: StartBatchInput,
): Promise<Result<StartedBatch, BatchErrorCode>> {
  const clock = clockOf(deps);
  if (actor.kind !== 'user' || !mayOperate(actor)) {
    await appendAuditEvent(deps.db, { action: 'batch.start', actor, outcome: 'denied', details: { selection: describeSelection(input) } }, clock).catch(
      (error: unknown) => console.error('A refused bulk disconnect could not be audited:', error),
    );
    const message = describeRefusal(actor, 'disconnect calls');
    return actor.kind === 'user' ? fail('forbidden', message) : fail('unauthenticated', message);
  }
  const reason = checkReason(input.reason);
  if (!reason.ok) return fail('invalid-input', 'Nothing was sent; check the fields marked.', { reason: reason.problem });
  const preview = await previewBatch(deps.db, input, clock());
  if (!preview.ok) return preview;
  const { calls } = preview.data;
  const mismatch = checkConfirmation(calls.length, input.expectedCount);
  if (mismatch) return fail('confirmation-mismatch', mismatch, { expectedCount: mismatch });
  const batchId = randomUUID();
  const at = clock();
  const busy = await deps.db.transaction().execute(async (trx) => {
    // Under the batches lock: two starts sharing a call (two requests, two processes) cannot both find it free.
    await lockForWriting(trx, 'batches');
    const taken = await callsInRunningBatches(trx, calls);
    if (taken.length > 0) return taken;
    await trx
      .insertInto('batches')
      .values({
        batch_id: batchId,
        created_at: at,
        created_by_id: actor.id,
        created_by_email: actor.email,
        reason: reason.value,
        status: 'running',
        status_message: null,
        total: calls.length,
        selection: JSON.stringify(describeSelection(input)),
        updated_at: at,
        finished_at: null,
        instance_id: deps.instanceId ?? null,
      })
      .execute();
    for (let start = 0; start < calls.length; start += 100) {
      const chunk = calls.slice(start, start + 100).map((call, index) => ({
        batch_id: batchId,
        position: start + index + 1,
        call_id: call.callId,
        label: call.label,
        status: 'pending',
      }));
      await trx.insertInto('batch_items').values(chunk).execute();
    }
    // Committed with the batch: no call of it is sent unless its start is on record.
    await appendAuditEvent(
      trx,
      { action: 'batch.start', actor, reason: reason.value, batchId, outcome: 'success', details: { total: calls.length, selection: describeSelection(input) } },
      clock,
    );
    return [];
  });
  if (busy.length > 0) {
    return fail(
      'in-progress',
      `${busy.length} of these calls ${busy.length === 1 ? 'is' : 'are'} already waiting in another running bulk disconnect. ` +
        'Wait for it to finish (or cancel it), then try again; nothing was sent.',
    );
  }
  launchBatch(deps, batchId, actor, reason.value);
  return ok({ batchId, total: calls.length, status: 'running' });
}

/** The typed confirmation: required above CONFIRM_ABOVE calls, and when given it must match. */
function checkConfirmation(total: number, expected: number | null | undefined): string | null {
  if (expected === null || expected === undefined) {
    return total > CONFIRM_ABOVE ? `Type the number of calls, ${total}, to confirm disconnecting them all.` : null;
  }
  if (expected === total) return null;
  return `You typed ${expected}, but ${total} ${total === 1 ? 'call' : 'calls'} would be disconnected. Check the list and type ${total} to confirm.`;
}

async function callsInRunningBatches(db: Kysely<Database>, calls: readonly CallRow[]): Promise<string[]> {
  const busy: string[] = [];
  const ids = calls.map((call) => call.callId);
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await db
      .selectFrom('batch_items as i')
      .innerJoin('batches as b', 'b.batch_id', 'i.batch_id')
      .select('i.call_id')
      .where('b.status', '=', 'running')
      .where('i.status', 'in', ['pending', 'running'])
      .where('i.call_id', 'in', ids.slice(start, start + 500))
      .execute();
    busy.push(...rows.map((row) => row.call_id));
  }
  return busy;
}

function describeSelection(input: StartBatchInput): Record<string, unknown> {
  return input.callIds === undefined
    ? { filter: { stuckOnly: input.filter?.stuckOnly ?? false } }
    : { callIds: Array.isArray(input.callIds) ? input.callIds.length : 0 };
}
