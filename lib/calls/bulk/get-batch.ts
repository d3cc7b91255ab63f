import type { Kysely, Selectable } from 'kysely';
import { DISCONNECT_OUTCOMES, type DisconnectOutcome } from '../../audit/types';
import type { BatchItemsTable, BatchesTable, Database } from '../../db/schema';
import {
  BATCH_ITEM_STATUSES,
  BATCH_STATUSES,
  type Batch,
  type BatchCounts,
  type BatchItem,
  type BatchItemStatus,
  type BatchStatus,
  type BatchSummary,
} from './batch-types';

/** A batch with every item (at most 1000), read from the database: what the progress page polls. */
export async function getBatch(db: Kysely<Database>, batchId: string): Promise<Batch | null> {
  const row = await db.selectFrom('batches').selectAll().where('batch_id', '=', batchId).executeTakeFirst();
  if (!row) return null;
  const itemRows = await db.selectFrom('batch_items').selectAll().where('batch_id', '=', batchId).orderBy('position', 'asc').execute();
  const items = itemRows.map(toBatchItem);
  return { ...toSummary(row, countItems(items, Number(row.total))), items };
}

/** The most recent batches, newest first, without their items. */
export async function listBatches(db: Kysely<Database>, limit = 20): Promise<BatchSummary[]> {
  const rows = await db.selectFrom('batches').selectAll().orderBy('created_at', 'desc').orderBy('batch_id', 'asc').limit(limit).execute();
  if (rows.length === 0) return [];
  const tallies = await db
    .selectFrom('batch_items')
    .select(['batch_id', 'status', 'outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .where('batch_id', 'in', rows.map((row) => row.batch_id))
    .groupBy(['batch_id', 'status', 'outcome'])
    .execute();
  return rows.map((row) => {
    const mine = tallies.filter((tally) => tally.batch_id === row.batch_id);
    const counts = emptyCounts(Number(row.total));
    for (const tally of mine) addTo(counts, asStatus(tally.status), asOutcome(tally.outcome), Number(tally.n));
    return toSummary(row, finishCounts(counts));
  });
}

function toSummary(row: Selectable<BatchesTable>, counts: BatchCounts): BatchSummary {
  return {
    batchId: row.batch_id,
    status: (BATCH_STATUSES as readonly string[]).includes(row.status) ? (row.status as BatchStatus) : 'interrupted',
    statusMessage: row.status_message,
    reason: row.reason,
    createdAt: Number(row.created_at),
    createdByEmail: row.created_by_email,
    updatedAt: Number(row.updated_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
    counts,
  };
}

function toBatchItem(row: Selectable<BatchItemsTable>): BatchItem {
  return {
    position: Number(row.position),
    callId: row.call_id,
    label: row.label,
    status: asStatus(row.status),
    outcome: asOutcome(row.outcome),
    message: row.message,
    faultCode: row.fault_code,
    errorCode: row.error_code,
    attemptId: row.attempt_id,
    auditSeq: row.audit_seq === null ? null : Number(row.audit_seq),
    startedAt: row.started_at === null ? null : Number(row.started_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  };
}

interface MutableCounts {
  total: number;
  byStatus: Record<BatchItemStatus, number>;
  byOutcome: Record<DisconnectOutcome, number>;
}

function emptyCounts(total: number): MutableCounts {
  return {
    total,
    byStatus: Object.fromEntries(BATCH_ITEM_STATUSES.map((s) => [s, 0])) as Record<BatchItemStatus, number>,
    byOutcome: Object.fromEntries(DISCONNECT_OUTCOMES.map((o) => [o, 0])) as Record<DisconnectOutcome, number>,
  };
}

function addTo(counts: MutableCounts, status: BatchItemStatus, outcome: DisconnectOutcome | null, n: number): void {
  counts.byStatus[status] += n;
  if (outcome !== null) counts.byOutcome[outcome] += n;
}

function finishCounts(counts: MutableCounts): BatchCounts {
  const { done, skipped, cancelled } = counts.byStatus;
  return { total: counts.total, settled: done + skipped + cancelled, byStatus: counts.byStatus, byOutcome: counts.byOutcome };
}

function countItems(items: readonly BatchItem[], total: number): BatchCounts {
  const counts = emptyCounts(total);
  for (const item of items) addTo(counts, item.status, item.outcome, 1);
  return finishCounts(counts);
}

function asStatus(value: string): BatchItemStatus {
  return (BATCH_ITEM_STATUSES as readonly string[]).includes(value) ? (value as BatchItemStatus) : 'pending';
}

function asOutcome(value: string | null): DisconnectOutcome | null {
  return value !== null && (DISCONNECT_OUTCOMES as readonly string[]).includes(value) ? (value as DisconnectOutcome) : null;
}
