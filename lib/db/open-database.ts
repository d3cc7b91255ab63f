import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrateToLatest } from './migrate';
import { withStatementCache } from './statement-cache';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  close(): Promise<void>;
}

/**
 * Opens the database named by a `file:` URL (PostgreSQL comes later) and migrates it.
 * SQLite runs in WAL mode with synchronous=FULL: a commit is on disk before it returns,
 * which the write-ahead audit depends on.
 */
export async function openDatabase(url: string): Promise<OpenDatabase> {
  if (!url.startsWith('file:')) {
    throw new Error(`DATABASE_URL must start with file: (PostgreSQL support comes later), got "${url.slice(0, 40)}"`);
  }
  const file = url.slice('file:'.length);
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}
