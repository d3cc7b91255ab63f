import type { Kysely } from 'kysely';
import { appendAuditEvent, type Clock } from '../audit/append-audit-event';
import { inAuditTransaction } from '../audit/audit-transaction';
import type { AuditEvent, AuditEventInput } from '../audit/types';
import type { Database } from '../db/schema';
import type { DisconnectResult } from './types';
import { releaseCallLock, takeCallLock } from './disconnect-lock';
import { recordLastDisconnect, writeLastDisconnect, type LastDisconnectRecord } from './stuck/record-last-disconnect';

// An attempt's durable writes, grouped so each end of it is one commit (one fsync on SQLite) rather
// than two or three: what is on disk is the same, and never half of it.

/**
 * What a bulk run adds to the attempt for one of its calls (bulk/batch-runner.ts). Its item's writes
 * join the attempt's own commits, so a bulk call costs no more commits than a single disconnect.
 */
export interface BulkItem {
  /** BULK_PRECHECK_MAX_AGE_MS: a call seen this recently needs no fresh pre-check (recent-observation.ts). */
  readonly precheckMaxAgeMs: number;
  /**
   * In the request's transaction, first: marks the item as being sent. False when it is not to be
   * sent after all (the run was cancelled or paused meanwhile); it must then have written nothing.
   */
  claim(trx: Kysely<Database>): Promise<boolean>;
  /** Stores the result on the item: in the outcome's transaction, or on its own when that commit failed. */
  finish(db: Kysely<Database>, result: DisconnectResult): Promise<void>;
}

export interface AttemptLock {
  readonly callId: string;
  readonly attemptId: string;
  /** The console instance that holds the lock (several instances on PostgreSQL); null otherwise. */
  readonly instanceId?: string | null;
}

/**
 * Takes the call's disconnect lock and writes disconnect.requested in one commit (with a bulk run's
 * claim of its item). 'locked' when another attempt holds the lock: nothing but the item's claim is
 * written. 'not-wanted' when the bulk run no longer wants the call sent: nothing is written.
 * Throws when the commit fails: then none of it exists.
 */
export function openAttempt(
  db: Kysely<Database>,
  lock: AttemptLock,
  startedAt: number,
  request: AuditEventInput,
  clock: Clock,
  item?: BulkItem,
): Promise<AuditEvent | 'locked' | 'not-wanted'> {
  return inAuditTransaction(db, async (trx) => {
    if (item && !(await item.claim(trx))) return 'not-wanted';
    if (!(await takeCallLock(trx, lock.callId, lock.attemptId, startedAt, lock.instanceId ?? null))) return 'locked';
    return appendAuditEvent(trx, request, clock);
  });
}

export interface RecordedOutcome {
  /** Words to add to the result's message when the outcome could not be recorded; null when it was. */
  readonly note: string | null;
  /** True when the call's lock went with the outcome's commit; otherwise the caller releases it. */
  readonly lockReleased: boolean;
}

/**
 * Keeps the attempt on the call's row, writes disconnect.completed (and a bulk run's item result)
 * and releases the lock in one commit. When that fails (none of it happened), the row is written on its own and the completion
 * retried once, then reported in words: recovery closes the attempt at the next start.
 */
export async function recordOutcome(
  db: Kysely<Database>,
  lock: AttemptLock,
  last: LastDisconnectRecord,
  completion: AuditEventInput,
  clock: Clock,
  finishItem?: (trx: Kysely<Database>) => Promise<void>,
): Promise<RecordedOutcome> {
  try {
    await inAuditTransaction(db, async (trx) => {
      await writeLastDisconnect(trx, lock.callId, last);
      await appendAuditEvent(trx, completion, clock);
      await finishItem?.(trx);
      await releaseCallLock(trx, lock.callId, lock.attemptId);
    });
    return { note: null, lockReleased: true };
  } catch (error) {
    console.error(`Recording the outcome of disconnect attempt ${lock.attemptId} failed (try 1):`, error);
  }
  await recordLastDisconnect(db, lock.callId, last);
  try {
    await appendAuditEvent(db, completion, clock);
    return { note: null, lockReleased: false };
  } catch (error) {
    console.error(`Recording the outcome of disconnect attempt ${lock.attemptId} failed (try 2):`, error);
    const note = 'Its result could not be written to the audit log; the log will show it as unknown once the console restarts.';
    return { note, lockReleased: false };
  }
}
