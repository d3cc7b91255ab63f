// The target of the security suite: the production build under `next start`, against a UM
// simulator in this test process, so every request that reaches the UM service is counted.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildIfStale } from '../../../lib/cli/build-if-stale';
import { buildChildEnvironment } from '../../../lib/config';
import { startUmSimulator } from '../../../lib/um/simulator';
import { E2E_USERS, sessionCookieFor } from '../../e2e/support/auth-users';
import { startConsole, type RunningConsole, type StartConsoleOptions } from '../../e2e/support/start-console';
import type { Role } from '../../../lib/auth/roles';

export const UM_TEST_USERNAME = 'CONTOSO\\svc-um-console';
/** Distinctive, so a test can search every byte the browser receives for it. */
export const UM_TEST_PASSWORD = 'um-secret-Zq7!xV9#do-not-leak';

export interface SecurityTarget {
  readonly console: RunningConsole;
  /** http://127.0.0.1:<port> of the console. */
  readonly url: string;
  /** The simulator's own handle (inject failures, place calls, read its request log with bodies). */
  readonly simulator: Awaited<ReturnType<typeof startUmSimulator>>;
  /** Requests that reached the UM service so far (every operation). */
  umRequests(): number;
  /** A Cookie header for a fresh session of the seeded user with `role`. */
  sessionCookie(role: Role): Promise<string>;
  /** A new API token of the seeded user with `role`, made by the admin CLI as an administrator would. */
  apiToken(role: Role, name?: string): Promise<string>;
  stop(): Promise<void>;
}

export interface SecurityTargetOptions {
  /** Extra console environment. */
  readonly env?: StartConsoleOptions['env'];
}

/** Builds when stale, starts a Basic-auth simulator and a console pointed at it with one user per role. */
export async function startSecurityTarget(options: SecurityTargetOptions = {}): Promise<SecurityTarget> {
  await buildIfStale({ root: process.cwd() });
  const simulator = await startUmSimulator({
    username: UM_TEST_USERNAME,
    password: UM_TEST_PASSWORD,
    ringMs: 200,
    teardownMs: 100,
    // The injection tests read exactly what the console sent.
    recordBodies: true,
  });
  let running: RunningConsole;
  try {
    running = await startConsole({
      env: { UM_SERVICE_URL: simulator.url, UM_USERNAME: UM_TEST_USERNAME, UM_PASSWORD: UM_TEST_PASSWORD, ...options.env },
    });
  } catch (error) {
    await simulator.close();
    throw error;
  }
  let tokens = 0;
  return {
    console: running,
    url: running.url,
    simulator,
    umRequests: () => simulator.requestCount(),
    sessionCookie: (role) => sessionCookieFor(running.url, E2E_USERS[role]),
    apiToken: (role, name) => createTokenWithCli(running.dataDir, E2E_USERS[role].email, name ?? `security-${role}-${(tokens += 1)}`),
    stop: async () => {
      await running.stop();
      await simulator.close();
    },
  };
}

/** `admin create-token` against the console's data folder; the token is the last line it prints. */
function createTokenWithCli(dataDir: string, email: string, name: string): Promise<string> {
  const cli = path.join(process.cwd(), 'lib', 'cli', 'admin.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'create-token', '--email', email, '--name', name], {
      env: buildChildEnvironment({ DATA_DIR: dataDir }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => {
      const token = out.trimEnd().split('\n').at(-1) ?? '';
      if (code === 0 && token !== '') resolve(token);
      else reject(new Error(`admin create-token exited ${code}: ${err}`));
    });
  });
}
