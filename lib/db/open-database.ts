import type { Kysely } from 'kysely';
import { openPostgresDatabase } from './open-postgres';
import { DEFAULT_POOL_SIZE, isPostgresUrl } from './postgres-url';
import { openSqliteDatabase } from './open-sqlite';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL: connections in the pool (DB_POOL_SIZE). SQLite has one connection. */
  readonly poolSize?: number;
}

/**
 * Opens the database a DATABASE_URL names and brings its schema up to date: `file:<path>` is
 * SQLite, `postgres://` (or `postgresql://`) PostgreSQL through a connection pool. The same
 * Kysely queries and migrations serve both.
 */
export async function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<OpenDatabase> {
  if (url.startsWith('file:')) return openSqliteDatabase(url);
  if (isPostgresUrl(url)) return openPostgresDatabase(url, options.poolSize ?? DEFAULT_POOL_SIZE);
  // Only the scheme is repeated: the rest of a URL may hold a password.
  throw new Error(`DATABASE_URL must be file:<path> or postgres://…, got "${url.split(':')[0]?.slice(0, 20) ?? ''}:…"`);
}
