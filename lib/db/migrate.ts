import { Migrator, type Kysely, type Migration } from 'kysely';
import * as initial from './migrations/0001-initial';
import * as apiTokens from './migrations/0002-api-tokens';
import * as stuckAndBatches from './migrations/0003-stuck-rules-and-batches';
import * as auditCheckpoints from './migrations/0004-audit-checkpoints';
import * as auditQueryIndexes from './migrations/0006-audit-query-indexes';
import type { Dialect } from './open-database';

/** Every migration, in order. Names sort; never rename or edit one that has shipped. */
function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-initial': { up: (db) => initial.up(db, dialect) },
    '0002-api-tokens': { up: (db) => apiTokens.up(db) },
    '0003-stuck-rules-and-batches': { up: (db) => stuckAndBatches.up(db) },
    '0004-audit-checkpoints': { up: (db) => auditCheckpoints.up(db, dialect) },
    '0006-audit-query-indexes': { up: (db) => auditQueryIndexes.up(db) },
  };
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrationsFor(dialect) },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
}
