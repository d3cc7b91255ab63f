import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect-of';
import type { Database } from './schema';

/**
 * Runs `work` with a handle whose commits (a transaction's, or a single statement's) do not wait
 * for the disk: for writes the console can afford to lose to a power cut, never to a crash of its
 * own process — an API caller's request count, a call's last observed status. Never for the audit
 * log or a disconnect's lock, which stay on the durable path.
 *
 * SQLite (WAL): synchronous=NORMAL while `work` runs, FULL again before the connection is handed
 * on. Each commit is still atomic and in order with the others; only its fsync is skipped, and the
 * next durable commit syncs the write-ahead log, these pages with it. Kysely's SQLite driver has
 * one connection and lends it to one user at a time (this handle holds it until `work` ends), so
 * no other commit runs while the setting is relaxed; it is restored even when `work` throws.
 *
 * PostgreSQL: the database handle itself, unchanged. Relaxing a commit there (SET LOCAL
 * synchronous_commit) takes a transaction and a round trip more than the flush it saves, which the
 * server groups with other sessions' anyway.
 */
export async function withRelaxedCommits<T>(db: Kysely<Database>, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (dialectOf(db) === 'postgres') return work(db);
  return db.connection().execute(async (connection) => {
    await sql`PRAGMA synchronous = NORMAL`.execute(connection);
    try {
      return await work(connection);
    } finally {
      await sql`PRAGMA synchronous = FULL`.execute(connection);
    }
  });
}
