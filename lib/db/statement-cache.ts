import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { withRowObjects } from './row-objects';

/** Distinct SQL texts kept compiled; the console's queries are far fewer, `in (…)` lists of every length aside. */
const MAX_STATEMENTS = 500;

const PRAGMA = /^\s*pragma\b/i;

/**
 * Kysely prepares every query anew, and better-sqlite3 compiles SQL on each prepare(): for the
 * short statements of a disconnect that compile is a good part of each one's cost. This hands a
 * compiled statement out again for the same SQL text (least recently used ones are dropped).
 * Safe because Kysely's SQLite driver runs one query at a time on its one connection, a streamed
 * query holding it to the end, so a statement is never used twice at once. PRAGMA statements are
 * never kept: SQLite may carry one out while compiling it rather than when it runs (its documented
 * behaviour), so a kept one could take effect at the wrong moment or not at all.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql) => {
      if (PRAGMA.test(sql)) return sqlite.prepare(sql);
      const cached = statements.get(sql);
      if (cached) {
        // Map keeps insertion order: re-inserting marks it as the most recently used.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = withRowObjects(sqlite.prepare(sql));
      statements.set(sql, statement);
      if (statements.size > MAX_STATEMENTS) {
        const oldest = statements.keys().next();
        if (!oldest.done) statements.delete(oldest.value);
      }
      return statement;
    },
  };
}
