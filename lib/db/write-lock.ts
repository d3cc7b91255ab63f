import { sql, type QueryExecutorProvider } from 'kysely';
import { dialectOf } from './dialect-of';

/** The tables whose read-then-write steps are serialised, one lock each. */
export type LockedTable = 'audit_events' | 'sign_in_attempts' | 'batches';

// Arbitrary, fixed: the first half of every advisory lock key the console takes ('UMCC').
const ADVISORY_CLASS = 0x554d4343;

/**
 * Takes a write lock as the transaction's first step, held until it ends, so a read made under it
 * is still true when the transaction writes: two writers (two handles, two processes) take turns.
 *
 * SQLite: a write that touches no row takes the database's one write lock (waiting for it under
 * busy_timeout, which a read-then-write upgrade would not). PostgreSQL: a transaction-scoped
 * advisory lock named after the table and the schema in use. Not LOCK TABLE, which needs UPDATE or
 * DELETE on the table: the console's role must be able to append to audit_events without either.
 */
export async function lockForWriting(trx: QueryExecutorProvider & { readonly isTransaction: boolean }, table: LockedTable): Promise<void> {
  if (!trx.isTransaction) throw new Error('lockForWriting needs a transaction: the lock lasts until it ends.');
  if (dialectOf(trx) === 'postgres') {
    await sql`select pg_advisory_xact_lock(${ADVISORY_CLASS}, hashtext(coalesce(current_schema(), '') || '.' || ${table}))`.execute(trx);
    return;
  }
  // WHERE 0 matches nothing, so no trigger (such as the audit log's append-only ones) fires.
  await sql`DELETE FROM ${sql.table(table)} WHERE 0`.execute(trx);
}

/**
 * PostgreSQL: a transaction-scoped lock between a retention prune (exclusive) and a whole-log
 * verification (shared), taken as the transaction's first step. A verification that read half of
 * another instance's prune would report rows missing that were removed by the book; with this
 * lock it sees the log before or after the prune, never between. Verifications do not block each
 * other, nor appends. SQLite: one process serves the file and its tasks never overlap; nothing to do.
 */
export async function lockAgainstPrune(trx: QueryExecutorProvider & { readonly isTransaction: boolean }, mode: 'shared' | 'exclusive'): Promise<void> {
  if (!trx.isTransaction) throw new Error('lockAgainstPrune needs a transaction: the lock lasts until it ends.');
  if (dialectOf(trx) !== 'postgres') return;
  const key = sql`hashtext(coalesce(current_schema(), '') || '.audit_prune')`;
  if (mode === 'shared') await sql`select pg_advisory_xact_lock_shared(${ADVISORY_CLASS}, ${key})`.execute(trx);
  else await sql`select pg_advisory_xact_lock(${ADVISORY_CLASS}, ${key})`.execute(trx);
}
