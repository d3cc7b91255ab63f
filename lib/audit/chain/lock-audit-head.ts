import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { lockForWriting } from '../../db/write-lock';

/**
 * Takes the write lock that serialises appends, as the transaction's first step: the head is read
 * and the next row inserted under it, so two writers (two handles, two processes) can never chain
 * onto the same head. Checkpoints, prunes and settings changes take it too, so what they read of
 * the log (or of a setting they record the old value of) cannot change before they write.
 */
export async function lockAuditHead(trx: Kysely<Database>): Promise<void> {
  await lockForWriting(trx, 'audit_events');
}
