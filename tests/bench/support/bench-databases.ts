// A throw-away database of either kind for a benchmark, opened through the console's own
// openDatabase (so its migrations and settings apply), with a fast way to bulk-write audit rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { readEnvironmentVariable } from '../../../lib/config';
import { openDatabase, type OpenDatabase } from '../../../lib/db/open-database';
import type { Database } from '../../../lib/db/schema';
import type { DatabaseKind } from '../benchmark';
import { AUDIT_COLUMNS, type SeedRow } from './audit-seed-rows';

export interface BenchDatabase {
  readonly kind: DatabaseKind;
  readonly database: OpenDatabase;
  /** The URL it was opened with, for another process to open it too. */
  readonly url: string;
  /** Inserts rows as they are, in one transaction per call, bypassing appendAuditEvent. */
  writeAuditRows(rows: readonly SeedRow[]): Promise<void>;
  /**
   * After seeding, what the server would have done by itself while a log grew to this size:
   * PostgreSQL's autovacuum analyzes a table whose rows changed by 10 %, so the planner has
   * statistics; SQLite gathers none by itself and the console never runs ANALYZE, so nothing.
   */
  settle(): Promise<void>;
  /** Closes the handle and removes the file or the schema. */
  dispose(): Promise<void>;
}

export type OpenResult = { readonly ok: true; readonly data: BenchDatabase } | { readonly ok: false; readonly message: string };

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

export async function openBenchDatabase(kind: DatabaseKind): Promise<OpenResult> {
  return kind === 'sqlite' ? { ok: true, data: await openSqlite() } : openPostgres();
}

async function openSqlite(): Promise<BenchDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'um-console-bench-'));
  const file = path.join(dir, 'console.db');
  const url = `file:${file}`;
  const database = await openDatabase(url);
  let writer: BetterSqlite3.Database | undefined;
  let insert: BetterSqlite3.Statement | undefined;
  return {
    kind: 'sqlite',
    database,
    url,
    writeAuditRows: async (rows) => {
      if (!writer) {
        // A second connection of its own, without fsync per commit: seeding is set-up, not measured.
        writer = new BetterSqlite3(file);
        writer.pragma('synchronous = OFF');
        insert = writer.prepare(`INSERT INTO audit_events (${AUDIT_COLUMNS.join(', ')}) VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')})`);
      }
      const statement = insert as BetterSqlite3.Statement;
      writer.transaction(() => {
        for (const row of rows) statement.run(...AUDIT_COLUMNS.map((column) => row[column]));
      })();
    },
    settle: async () => {
      writer?.pragma('wal_checkpoint(TRUNCATE)');
    },
    dispose: async () => {
      writer?.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const PG_TYPES: Record<(typeof AUDIT_COLUMNS)[number], string> = {
  seq: 'bigint', at: 'bigint', actor_id: 'text', actor_email: 'text', actor_role: 'text', auth_method: 'text', source_ip: 'text',
  user_agent: 'text', action: 'text', target_call_id: 'text', reason: 'text', outcome: 'text', fault_code: 'text', fault_text: 'text',
  um_latency_ms: 'integer', end_latency_ms: 'integer', attempt_id: 'text', batch_id: 'text', details: 'text', prev_hash: 'text', hash: 'text',
};

/**
 * A schema of its own in the PostgreSQL of TEST_DATABASE_URL (default: the local test database),
 * selected through the connection's search_path and dropped afterwards.
 */
async function openPostgres(): Promise<OpenResult> {
  const baseUrl = readEnvironmentVariable('TEST_DATABASE_URL') ?? DEFAULT_POSTGRES_URL;
  const schema = `bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => undefined);
    return { ok: false, message: `PostgreSQL: no server at ${redact(baseUrl)} (${(error as Error).message})` };
  }
  const dropSchema = async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  };
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  let database: OpenDatabase;
  try {
    database = await openDatabase(url.toString());
  } catch (error) {
    await dropSchema();
    return { ok: false, message: `PostgreSQL: the schema could not be opened (${(error as Error).message.slice(0, 200)})` };
  }
  return {
    ok: true,
    data: {
      kind: 'postgres',
      database,
      url: url.toString(),
      writeAuditRows: (rows) => writePostgresAuditRows(database.db, rows),
      settle: async () => {
        await sql`ANALYZE audit_events`.execute(database.db);
      },
      dispose: async () => {
        await database.close();
        await dropSchema();
      },
    },
  };
}

/** One statement per chunk: each column travels as one array parameter, unnested into rows. */
export async function writePostgresAuditRows(db: Kysely<Database>, rows: readonly SeedRow[]): Promise<void> {
  const columns = sql.join(AUDIT_COLUMNS.map((column) => sql.ref(column)));
  const arrays = AUDIT_COLUMNS.map((column) => sql`${rows.map((row) => row[column])}::${sql.raw(PG_TYPES[column])}[]`);
  await sql`INSERT INTO audit_events (${columns}) SELECT * FROM unnest(${sql.join(arrays)})`.execute(db);
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured URL';
  }
}
