// Which database the consoles that e2e and security tests start run on. By default a console keeps
// SQLite in its data folder, as on a fresh install; with CONSOLE_TEST_DATABASE=postgres (the
// `e2e-postgres` and `security-postgres` stages of `npm test`) each data folder gets a schema of its
// own on the test PostgreSQL server instead, and everything that reaches the console's database —
// the console itself, the admin CLI, a spec reading or seeding rows — finds it through the folder.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readEnvironmentVariable } from '../../../lib/config';
import { isPostgresUrl } from '../../../lib/db/postgres-url';
import { testDatabaseUrl } from './postgres-server';
import { SHARED_TEST_SECRETS } from './shared-secrets';
import type { DatabaseKind } from './test-database';
import { createTestSchema, dropTestSchema } from './test-schemas';

/** Written into a data folder that has a PostgreSQL schema: the console's DATABASE_URL. */
const URL_FILE = '.test-database-url';

/** The kind the consoles of this run use: CONSOLE_TEST_DATABASE, sqlite unless set to postgres. */
export function consoleDatabaseKind(): DatabaseKind {
  const value = readEnvironmentVariable('CONSOLE_TEST_DATABASE') ?? 'sqlite';
  if (value !== 'sqlite' && value !== 'postgres') throw new Error(`CONSOLE_TEST_DATABASE must be sqlite or postgres, not ${JSON.stringify(value)}`);
  return value;
}

/**
 * The DATABASE_URL of the console that runs on `dataDir`: its SQLite file, or (PostgreSQL runs) the
 * schema made for the folder, created on first use and dropped by releaseConsoleDatabase() or, at
 * the latest, when the process that created it exits.
 */
export async function consoleDatabaseUrl(dataDir: string): Promise<string> {
  const file = path.join(dataDir, URL_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (consoleDatabaseKind() === 'sqlite') return `file:${path.join(dataDir, 'console.db')}`;
  const schema = await createTestSchema();
  const parsed = new URL(testDatabaseUrl());
  parsed.searchParams.set('schema', schema);
  writeFileSync(file, parsed.toString(), { mode: 0o600 });
  return parsed.toString();
}

/** Drops the folder's PostgreSQL schema, if it has one; call before removing the folder. */
export async function releaseConsoleDatabase(dataDir: string): Promise<void> {
  const file = path.join(dataDir, URL_FILE);
  if (!existsSync(file)) return;
  const schema = new URL(readFileSync(file, 'utf8').trim()).searchParams.get('schema');
  if (schema) await dropTestSchema(schema);
}

/**
 * What a console or CLI on `dataDir` needs in its environment to reach that database: DATABASE_URL,
 * and in PostgreSQL mode the secrets every instance must share (a value the caller's own process
 * already has, such as the e2e run's AUDIT_HMAC_KEY, is kept).
 */
export async function consoleDatabaseEnv(dataDir: string): Promise<Record<string, string>> {
  const url = await consoleDatabaseUrl(dataDir);
  // SQLite: the console's own default (<DATA_DIR>/console.db), exactly as on a fresh install.
  if (!isPostgresUrl(url)) return {};
  const secrets = Object.entries(SHARED_TEST_SECRETS).filter(([name]) => readEnvironmentVariable(name) === undefined);
  return { DATABASE_URL: url, ...Object.fromEntries(secrets) };
}
