import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';
import { markDialect } from './dialect-of';
import { migrateToLatest } from './migrate';
import type { OpenDatabase } from './open-database';
import { CONSOLE_TYPE_PARSERS } from './postgres-types';
import { parsePostgresUrl } from './postgres-url';
import type { Database } from './schema';

/**
 * Opens a pool on a postgres:// URL and migrates the schema it names (`?schema=`, created when
 * missing; otherwise the role's current schema). Commits are durable when they return, as the
 * write-ahead audit needs, with PostgreSQL's default synchronous_commit.
 */
export async function openPostgresDatabase(url: string, poolSize: number): Promise<OpenDatabase> {
  const parsed = parsePostgresUrl(url);
  if (!parsed.ok) throw new Error(parsed.problem);
  const pool = new Pool({
    connectionString: parsed.target.connectionString,
    max: poolSize,
    types: CONSOLE_TYPE_PARSERS,
    // An idle pool never keeps a finished process (an admin command, a test) alive.
    allowExitOnIdle: true,
  });
  // Without a listener, a pooled connection dropped by the server would end the process.
  pool.on('error', (error) => console.error(`A pooled PostgreSQL connection failed and is replaced: ${error.message}`));
  const db = new Kysely<Database>({ dialect: markDialect(new PostgresDialect({ pool }), 'postgres') });
  try {
    const schema = await ensureSchema(db, parsed.target.schema);
    await migrateToLatest(db as Kysely<unknown>, 'postgres', schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** The schema the console's tables live in; created only when named and missing (an owner can, an app role need not). */
async function ensureSchema(db: Kysely<Database>, named: string | null): Promise<string> {
  if (named === null) {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    const current = rows[0]?.schema ?? null;
    if (current === null) throw new Error("The role's search_path names no existing schema; add ?schema=<name> to DATABASE_URL.");
    return current;
  }
  const exists = async () => (await sql`select 1 from pg_namespace where nspname = ${named}`.execute(db)).rows.length > 0;
  if (await exists()) return named;
  // IF NOT EXISTS still fails when another process creates it at the same moment: look again then.
  await sql`create schema if not exists ${sql.id(named)}`.execute(db).catch(async (error: unknown) => {
    if (!(await exists())) throw error;
  });
  return named;
}
