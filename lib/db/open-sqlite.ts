import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { markDialect } from './dialect-of';
import { migrateToLatest } from './migrate';
import { withStatementCache } from './statement-cache';
import type { OpenDatabase } from './open-database';
import type { Database } from './schema';

/**
 * Opens the SQLite file of a `file:` URL and migrates it. WAL mode with synchronous=FULL: a commit
 * is on disk before it returns, which the write-ahead audit depends on.
 */
export async function openSqliteDatabase(url: string): Promise<OpenDatabase> {
  const file = url.slice('file:'.length);
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: markDialect(new SqliteDialect({ database: withStatementCache(sqlite) }), 'sqlite') });
  await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}
