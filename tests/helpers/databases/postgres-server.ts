// The PostgreSQL server the tests use: TEST_DATABASE_URL (default: the local one CI also has),
// whether it must be there (REQUIRE_POSTGRES=1), and a synchronous look at whether it answers.
import { spawnSync } from 'node:child_process';
import { Client } from 'pg';
import { readEnvironmentVariable } from '../../../lib/config';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

// The tests run from the checkout's root (npm scripts, Playwright), as start-console.ts assumes too;
// Playwright compiles helpers to CommonJS, where import.meta is not available.
const REPO_ROOT = process.cwd();

/** The server and database the PostgreSQL variants run in (each in schemas of its own). */
export function testDatabaseUrl(): string {
  return readEnvironmentVariable('TEST_DATABASE_URL') ?? DEFAULT_TEST_DATABASE_URL;
}

/** CI sets REQUIRE_POSTGRES=1: a server that cannot be reached fails the tests instead of skipping them. */
export function postgresRequired(): boolean {
  return readEnvironmentVariable('REQUIRE_POSTGRES') === '1';
}

/** The URL without its password, for messages. */
export function describeServer(url: string = testDatabaseUrl()): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'TEST_DATABASE_URL (not a valid URL)';
  }
}

/**
 * Runs a small pg script in a child process and waits for it: synchronous on purpose, for the few
 * places that cannot wait for a promise (choosing test names while a file loads, process exit,
 * reading the database from inside a synchronous hook). argv[1] is the URL, argv[2] a JSON payload.
 */
export function runPgScriptSync(script: string, payload: unknown, timeoutMs = 15_000): { ok: boolean; output: string } {
  const result = spawnSync(process.execPath, ['-e', script, testDatabaseUrl(), JSON.stringify(payload)], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  return { ok: result.status === 0, output: output || (result.error?.message ?? `exit ${String(result.status ?? result.signal)}`) };
}

const PROBE = `
const { Client } = require('pg');
const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
client.connect().then(() => client.query('select 1')).then(() => client.end()).then(
  () => process.exit(0),
  (error) => { process.stderr.write([error.code, error.message].filter(Boolean).join(' ')); process.exit(1); },
);`;

let probed: { readonly reachable: boolean; readonly reason: string } | undefined;

/** Whether the test server answers; asked once per process. */
export function probePostgres(): { readonly reachable: boolean; readonly reason: string } {
  probed ??= (() => {
    const { ok, output } = runPgScriptSync(PROBE, null, 10_000);
    return ok ? { reachable: true, reason: '' } : { reachable: false, reason: `PostgreSQL at ${describeServer()} cannot be reached (${output.slice(0, 160)})` };
  })();
  return probed;
}

/** A short-lived connection as the test server's user (the owner of everything the tests create). */
export async function withServerClient<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
