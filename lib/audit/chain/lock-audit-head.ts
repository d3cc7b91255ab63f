import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Takes the write lock that serialises appends, as the transaction's first step: the head is read
 * and the next row inserted under it, so two writers (two handles, two processes) can never chain
 * onto the same head. On SQLite a write that touches no row takes the database's write lock (and
 * waits for it under busy_timeout, which a read-then-write upgrade would not); PostgreSQL locks the
 * table against other writers while leaving readers alone.
 */
export async function lockAuditHead(trx: Kysely<Database>): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`LOCK TABLE audit_events IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
    return;
  }
  // WHERE 0 matches nothing, so the append-only triggers never fire.
  await sql`DELETE FROM audit_events WHERE 0`.execute(trx);
}
