import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { queueAppend } from './chain/append-queue';

/**
 * Runs `work` in one transaction queued with this process's audit appends, for writes that must
 * commit together with an audit event (appendAuditEvent(trx, …) inside joins it): one durable commit
 * instead of several, and, like every append, never interleaved with another handle's append.
 */
export function inAuditTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return queueAppend(() => db.transaction().execute(work));
}
