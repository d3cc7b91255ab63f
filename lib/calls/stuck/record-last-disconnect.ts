import type { Kysely } from 'kysely';
import type { DisconnectOutcome } from '../../audit/types';
import type { Database } from '../../db/schema';

export interface LastDisconnectRecord {
  readonly attemptId: string;
  readonly outcome: DisconnectOutcome;
  /** When the outcome was settled (epoch ms). */
  readonly at: number;
  /** When the UM service answered the Disconnect; null when it did not take it. */
  readonly acceptedAt: number | null;
}

/** Keeps the latest disconnect attempt on the call's row; throws when it cannot (see recordLastDisconnect). */
export async function writeLastDisconnect(db: Kysely<Database>, callId: string, record: LastDisconnectRecord): Promise<void> {
  await db
    .updateTable('calls')
    .set({
      last_disconnect_at: record.at,
      last_disconnect_accepted_at: record.acceptedAt,
      last_disconnect_outcome: record.outcome,
      last_disconnect_attempt_id: record.attemptId,
    })
    .where('call_id', '=', callId)
    .execute();
}

/**
 * Keeps the latest disconnect attempt on the call's row, for the "still up after an accepted
 * disconnect" rule and the board. Never throws: the attempt's result stands without it.
 */
export async function recordLastDisconnect(db: Kysely<Database>, callId: string, record: LastDisconnectRecord): Promise<void> {
  try {
    await writeLastDisconnect(db, callId, record);
  } catch (error) {
    console.error(`The last disconnect of a call could not be kept on its row (attempt ${record.attemptId}):`, error);
  }
}
