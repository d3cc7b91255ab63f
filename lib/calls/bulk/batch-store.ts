import type { Kysely, Selectable } from 'kysely';
import type { BatchItemsTable, Database } from '../../db/schema';
import type { Result } from '../../result';
import type { DisconnectErrorCode, DisconnectResult } from '../types';
import { BATCH_MESSAGES } from './batch-messages';
import type { BatchStatus } from './batch-types';

// The rows of a bulk run. Item transitions are conditional updates, so a cancelled item can never
// be claimed afterwards, and a claimed one is never claimed twice.

export interface PendingItem {
  readonly position: number;
  readonly callId: string;
}

export async function listPendingItems(db: Kysely<Database>, batchId: string): Promise<PendingItem[]> {
  const rows = await db
    .selectFrom('batch_items')
    .select(['position', 'call_id'])
    .where('batch_id', '=', batchId)
    .where('status', '=', 'pending')
    .orderBy('position', 'asc')
    .execute();
  return rows.map((row) => ({ position: Number(row.position), callId: row.call_id }));
}

/**
 * pending → running; false when the item is no longer pending (cancelled meanwhile). Written in the
 * transaction of the call's disconnect.requested (BulkItem.claim), so a running item has its request on record.
 */
export async function claimItem(db: Kysely<Database>, batchId: string, position: number, at: number): Promise<boolean> {
  const result = await db
    .updateTable('batch_items')
    .set({ status: 'running', started_at: at })
    .where('batch_id', '=', batchId)
    .where('position', '=', position)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

type ItemResult = Result<DisconnectResult, DisconnectErrorCode> | { readonly ok: 'threw' };

/**
 * pending or running → done (with the workflow's outcome) or skipped (the workflow refused it
 * before claiming it, or before sending). An item cancelled or finished meanwhile stays as it is.
 */
export async function finishItem(db: Kysely<Database>, batchId: string, position: number, result: ItemResult, at: number): Promise<void> {
  const update = db
    .updateTable('batch_items')
    .where('batch_id', '=', batchId)
    .where('position', '=', position)
    .where('status', 'in', ['pending', 'running']);
  if (result.ok === 'threw') {
    await update.set({ status: 'done', outcome: 'unknown', message: BATCH_MESSAGES.unexpected, fault_code: 'unexpected', finished_at: at }).execute();
  } else if (result.ok) {
    const { data } = result;
    await update
      .set({
        status: 'done',
        outcome: data.outcome,
        message: data.message,
        fault_code: data.faultCode,
        attempt_id: data.attemptId,
        audit_seq: data.auditSeq,
        finished_at: at,
      })
      .execute();
  } else {
    await update.set({ status: 'skipped', error_code: result.error.code, message: result.error.message, finished_at: at }).execute();
  }
}

/** Sets the batch's status; `onlyFrom` makes it conditional (true when a row changed). */
export async function setBatchStatus(
  db: Kysely<Database>,
  batchId: string,
  change: { readonly status: BatchStatus; readonly message: string | null; readonly at: number; readonly finished?: boolean },
  onlyFrom?: readonly BatchStatus[],
): Promise<boolean> {
  let update = db
    .updateTable('batches')
    .set({ status: change.status, status_message: change.message, updated_at: change.at, ...(change.finished ? { finished_at: change.at } : {}) })
    .where('batch_id', '=', batchId);
  if (onlyFrom) update = update.where('status', 'in', [...onlyFrom]);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every pending item of the batch → cancelled; returns how many. */
export async function cancelPendingItems(db: Kysely<Database>, batchId: string, at: number): Promise<number> {
  const result = await db
    .updateTable('batch_items')
    .set({ status: 'cancelled', finished_at: at })
    .where('batch_id', '=', batchId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function countItems(db: Kysely<Database>, batchId: string, status: Selectable<BatchItemsTable>['status']): Promise<number> {
  const row = await db
    .selectFrom('batch_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('batch_id', '=', batchId)
    .where('status', '=', status)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
