import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildIfStale } from '../../lib/cli/build-if-stale';
import { ROLES } from '../../lib/auth/roles';
import { readEnvironmentVariable } from '../../lib/config';
import { openDatabase } from '../../lib/db/open-database';
import { consoleDatabaseKind, consoleDatabaseUrl } from '../helpers/databases/console-database';
import { E2E_USERS, saveSignedInState } from './support/auth-users';
import { startConsole } from './support/start-console';

/**
 * Builds when the sources changed since the last build, then runs one console against the
 * embedded simulator for the whole run, with one user per role signed in and saved. Workers
 * inherit E2E_BASE_URL and E2E_AUTH_DIR from this process.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if ((await buildIfStale({ root: process.cwd() })) === 'built') expectNoDatabaseFromBuild();
  // The audit page's "Chain verified up to seq N" comes from the background check: every 5 s here,
  // so it covers what the specs write (the default is every 10 minutes).
  const server = await startConsole({ env: { AUDIT_VERIFY_INTERVAL_MS: '5000' } });
  const authDir = await mkdtemp(path.join(tmpdir(), 'um-console-e2e-auth-'));
  try {
    for (const role of ROLES) await saveSignedInState(server.url, E2E_USERS[role], path.join(authDir, `${role}.json`));
    await expectSignInsRecorded(server.dataDir, ROLES.length);
  } catch (error) {
    await server.stop();
    throw error;
  }
  process.env.E2E_BASE_URL = server.url;
  process.env.E2E_AUTH_DIR = authDir;
  console.log(`e2e: the console runs at ${server.url} on ${consoleDatabaseKind() === 'postgres' ? 'PostgreSQL' : 'SQLite'}`);
  return async () => {
    await server.stop();
    await rm(authDir, { recursive: true, force: true });
  };
}

/**
 * The sign-ins just made are in the database this run is meant to use (a PostgreSQL schema in the
 * `e2e-postgres` stage), so a console that quietly fell back to another database cannot pass.
 */
async function expectSignInsRecorded(dataDir: string, count: number): Promise<void> {
  const database = await openDatabase(await consoleDatabaseUrl(dataDir));
  try {
    const rows = await database.db.selectFrom('audit_events').select('seq').where('action', '=', 'auth.sign_in').where('outcome', '=', 'success').execute();
    if (rows.length !== count) throw new Error(`Expected ${count} sign-ins in ${consoleDatabaseKind()} for the e2e console, found ${rows.length}`);
  } finally {
    await database.close();
  }
}

/**
 * `next build` must not open the console's database or start its runtime: on a build machine that
 * would create (or, in PostgreSQL mode, migrate) a database. The build ran with this run's private
 * DATA_DIR (tests/setup/isolate-data-dir.mjs), which must still hold no database.
 */
function expectNoDatabaseFromBuild(): void {
  const dataDir = readEnvironmentVariable('DATA_DIR');
  if (dataDir && existsSync(path.join(dataDir, 'console.db'))) throw new Error(`next build created a database in ${dataDir}: something opens it at build time`);
}
