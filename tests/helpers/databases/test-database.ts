// A database of a test's own, of either kind: a SQLite file in a fresh temporary folder, or a fresh
// schema on the test PostgreSQL server. Same handle either way; dispose() removes every trace.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type OpenDatabase } from '../../../lib/db/open-database';
import { testDatabaseUrl } from './postgres-server';
import { createTestSchema, dropTestSchema } from './test-schemas';

export type DatabaseKind = 'sqlite' | 'postgres';

export const DATABASE_KINDS: readonly DatabaseKind[] = ['sqlite', 'postgres'];

export interface TestDatabase extends OpenDatabase {
  readonly kind: DatabaseKind;
  /** The DATABASE_URL of this database: for another handle, or for a child process's environment. */
  readonly url: string;
  /** A temporary folder of its own (the SQLite file, key and checkpoint files); removed by dispose(). */
  readonly dir: string;
  /** The PostgreSQL schema, or null for SQLite. */
  readonly schema: string | null;
  /** Another handle on the same database, as a second process or a restart would open; closed by dispose(). */
  open(): Promise<OpenDatabase>;
  /** Closes every handle, then removes the folder and (PostgreSQL) drops the schema. */
  dispose(): Promise<void>;
}

/** A fresh, migrated database of the given kind. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'um-console-test-'));
  const schema = kind === 'postgres' ? await createTestSchema() : null;
  const url = schema === null ? `file:${path.join(dir, 'console.db')}` : withSchema(testDatabaseUrl(), schema);
  const handles: OpenDatabase[] = [];
  const open = async () => {
    const handle = await openDatabase(url);
    handles.push(handle);
    return handle;
  };
  const dispose = async () => {
    for (const handle of handles) await handle.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    if (schema !== null) await dropTestSchema(schema);
  };
  const first = await open().catch(async (error: unknown) => {
    await dispose();
    throw error;
  });
  return {
    ...first,
    kind,
    url,
    dir,
    schema,
    open,
    dispose,
  };
}

/** The URL with `?schema=` (the console's own parameter) set. */
export function withSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('schema', schema);
  return parsed.toString();
}
