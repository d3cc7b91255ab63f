import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildChildEnvironment } from '../../../lib/config';
import { consoleDatabaseEnv, consoleDatabaseUrl, releaseConsoleDatabase } from '../../helpers/databases/console-database';
import { sharedSecretsFor } from '../../helpers/databases/shared-secrets';
import { seedE2eUsers } from './auth-users';
import { findFreePort } from './free-port';
import { killProcessTree } from './process-tree';

export interface RunningConsole {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** The console's data folder (database, generated secret); removed by stop() unless it was given. */
  readonly dataDir: string;
  /** The server's process id (`next start` serves from this process itself). */
  readonly pid: number;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /**
   * SIGKILL for the server and any process it started, with no chance to clean up, as a power cut
   * would; resolves once none of them runs. The data folder is kept. Returns the pids killed.
   */
  crash(): Promise<number[]>;
  stop(): Promise<void>;
}

export interface StartConsoleOptions {
  /** Environment overrides; undefined removes a variable. UM_SERVICE_URL is removed unless given. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly readyTimeoutMs?: number;
  /**
   * Seed E2E_USERS (one per role) before starting; default true, or false when `dataDir` (or DATA_DIR) is given.
   * False: the console bootstraps its own admin (unless the folder already holds users).
   */
  readonly seedUsers?: boolean;
  /**
   * Run on this existing data folder (e.g. the one a crashed console left behind) instead of a fresh
   * temporary one. It belongs to the caller: stop() leaves it in place.
   */
  readonly dataDir?: string;
}

const ROOT = process.cwd();

/**
 * Runs `next start` from the existing production build on a free loopback port with a fresh
 * temporary DATA_DIR (holding the E2E_USERS unless told otherwise), and resolves once it answers HTTP.
 */
export async function startConsole(options: StartConsoleOptions = {}): Promise<RunningConsole> {
  let lastError: unknown;
  // Another process may take the free port between our probe and Next binding it: try again.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await startOnce(await findFreePort(), options);
    } catch (error) {
      lastError = error;
      if (!(error instanceof PortTakenError)) throw error;
    }
  }
  throw lastError;
}

class PortTakenError extends Error {}

async function startOnce(port: number, options: StartConsoleOptions): Promise<RunningConsole> {
  // A folder the caller names (as `dataDir` or as DATA_DIR) is the caller's; otherwise a fresh one of our own.
  const givenDataDir = options.dataDir ?? options.env?.DATA_DIR;
  const ownsDataDir = givenDataDir === undefined;
  const dataDir = givenDataDir ?? (await mkdtemp(path.join(tmpdir(), 'um-console-e2e-')));
  // A caller that sets DATABASE_URL (even to undefined: SQLite) chooses the database itself; otherwise
  // the folder's own, which is a PostgreSQL schema in the PostgreSQL runs of the e2e and security stages.
  const callerChoosesDatabase = options.env !== undefined && Object.hasOwn(options.env, 'DATABASE_URL');
  const database = callerChoosesDatabase ? sharedSecretsFor(options.env?.DATABASE_URL) : await consoleDatabaseEnv(dataDir);
  if (options.seedUsers ?? ownsDataDir) {
    await seedE2eUsers(dataDir, callerChoosesDatabase ? (options.env?.DATABASE_URL ?? `file:${path.join(dataDir, 'console.db')}`) : await consoleDatabaseUrl(dataDir));
  }
  // A test that sets its own keys keeps them.
  const env = buildChildEnvironment({ UM_SERVICE_URL: undefined, DATA_DIR: dataDir, PORT: String(port), ...database, ...options.env });
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcess(child);
    if (!ownsDataDir) return;
    await releaseConsoleDatabase(dataDir);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilAnswering(url, child, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    if (/EADDRINUSE/.test(output)) throw new PortTakenError(`port ${port} was taken`);
    throw new Error(`next start did not come up at ${url}: ${(error as Error).message}\n--- server output ---\n${output}`);
  }
  return { url, dataDir, pid: child.pid ?? 0, output: () => output, crash: () => killProcessTree(child), stop };
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('the server exited');
    try {
      // Any HTTP answer means Next is serving; a not-found page avoids starting the UM check.
      await fetch(`${url}/__e2e-ready`, { signal: AbortSignal.timeout(5_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`no answer within ${timeoutMs} ms`);
}

/** SIGTERM, then SIGKILL if the process is still there after a grace period. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
