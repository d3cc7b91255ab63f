import type { Kysely } from 'kysely';
import { appendAuditEvent, type Clock } from '../audit/append-audit-event';
import { inAuditTransaction } from '../audit/audit-transaction';
import type { AuditEvent, AuditEventInput } from '../audit/types';
import type { Database } from '../db/schema';
import { releaseCallLock, takeCallLock } from './disconnect-lock';
import { recordLastDisconnect, writeLastDisconnect, type LastDisconnectRecord } from './stuck/record-last-disconnect';

// An attempt's durable writes, grouped so each end of it is one commit (one fsync on SQLite) rather
// than two or three: what is on disk is the same, and never half of it.

export interface AttemptLock {
  readonly callId: string;
  readonly attemptId: string;
  /** The console instance that holds the lock (several instances on PostgreSQL); null otherwise. */
  readonly instanceId?: string | null;
}

/**
 * Takes the call's disconnect lock and writes disconnect.requested in one commit. Null when another
 * attempt holds the lock (nothing is written). Throws when the commit fails: then neither exists.
 */
export function openAttempt(db: Kysely<Database>, lock: AttemptLock, startedAt: number, request: AuditEventInput, clock: Clock): Promise<AuditEvent | null> {
  return inAuditTransaction(db, async (trx) => {
    if (!(await takeCallLock(trx, lock.callId, lock.attemptId, startedAt, lock.instanceId ?? null))) return null;
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
 * Keeps the attempt on the call's row, writes disconnect.completed and releases the lock in one
 * commit. When that fails (none of it happened), the row is written on its own and the completion
 * retried once, then reported in words: recovery closes the attempt at the next start.
 */
export async function recordOutcome(
  db: Kysely<Database>,
  lock: AttemptLock,
  last: LastDisconnectRecord,
  completion: AuditEventInput,
  clock: Clock,
): Promise<RecordedOutcome> {
  try {
    await inAuditTransaction(db, async (trx) => {
      await writeLastDisconnect(trx, lock.callId, last);
      await appendAuditEvent(trx, completion, clock);
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
