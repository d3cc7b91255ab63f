import { Migrator, type Kysely, type Migration } from 'kysely';
import * as initial from './migrations/0001-initial';
import * as apiTokens from './migrations/0002-api-tokens';
import * as stuckAndBatches from './migrations/0003-stuck-rules-and-batches';
import * as auditCheckpoints from './migrations/0004-audit-checkpoints';
import * as postgresProtections from './migrations/0005-postgres-protections';
import * as instances from './migrations/0006-instances-and-rate-limits';
import * as auditQueryIndexes from './migrations/0007-audit-query-indexes';
import * as callCheckSource from './migrations/0008-call-check-source';
import type { Dialect } from './open-database';

/** Every migration, in order. Names sort; never rename or edit one that has shipped. */
function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-initial': { up: (db) => initial.up(db, dialect) },
    '0002-api-tokens': { up: (db) => apiTokens.up(db) },
    '0003-stuck-rules-and-batches': { up: (db) => stuckAndBatches.up(db) },
    '0004-audit-checkpoints': { up: (db) => auditCheckpoints.up(db, dialect) },
    '0005-postgres-protections': { up: (db) => postgresProtections.up(db, dialect) },
    '0006-instances-and-rate-limits': { up: (db) => instances.up(db) },
    '0007-audit-query-indexes': { up: (db) => auditQueryIndexes.up(db) },
    '0008-call-check-source': { up: (db) => callCheckSource.up(db) },
  };
}

/** The names of every migration, in the order they run. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrationsFor('sqlite'));

/**
 * Brings the schema up to date; throws with the failing migration's name. On PostgreSQL `schema` is
 * where Kysely keeps its bookkeeping tables too: without it Kysely would take another schema's
 * migration table (any schema it can see) for this one's.
 */
export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrationsFor(dialect) },
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
}
