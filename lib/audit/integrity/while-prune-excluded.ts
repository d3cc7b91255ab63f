import type { Kysely } from 'kysely';
import { dialectOf } from '../../db/dialect-of';
import type { Database } from '../../db/schema';
import { lockAgainstPrune } from '../../db/write-lock';

/**
 * Runs a whole-log read (a verification) so that no retention prune of any instance happens while
 * it reads: on PostgreSQL in a transaction holding the prune lock shared (read committed, so rows
 * appended meanwhile are still seen, as a checkpoint signed meanwhile expects). SQLite: as it is —
 * a transaction there would hold the one connection every request needs.
 */
export async function whilePruneExcluded<T>(db: Kysely<Database>, read: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (dialectOf(db) !== 'postgres') return read(db);
  return db.transaction().execute(async (trx) => {
    await lockAgainstPrune(trx, 'shared');
    return read(trx);
  });
}
