// The target of the security suite: the production build under `next start`, against a UM
// simulator in this test process, so every request that reaches the UM service is counted.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildIfStale } from '../../../lib/cli/build-if-stale';
import { startUmSimulator, type UmSimulatorOptions } from '../../../lib/um/simulator';
import { releaseConsoleDatabase } from '../../helpers/databases/console-database';
import { createApiToken } from '../../e2e/support/admin-cli';
import { E2E_USERS, seedE2eUsers, sessionCookieFor } from '../../e2e/support/auth-users';
import { startConsole, type RunningConsole, type StartConsoleOptions } from '../../e2e/support/start-console';
import type { Role } from '../../../lib/auth/roles';

export const UM_TEST_USERNAME = 'CONTOSO\\svc-um-console';
/** Distinctive, so a test can search every byte the browser receives for it. */
export const UM_TEST_PASSWORD = 'um-secret-Zq7!xV9#do-not-leak';

export interface SecurityTarget {
  /** The console running now (a new one after restartConsole()). */
  readonly console: RunningConsole;
  /** http://127.0.0.1:<port> of the console running now. */
  readonly url: string;
  /** The data folder every console of this target runs on; removed by stop(). */
  readonly dataDir: string;
  /** The simulator's own handle (inject failures, place calls, read its request log with bodies). */
  readonly simulator: Awaited<ReturnType<typeof startUmSimulator>>;
  /** Requests that reached the UM service so far (every operation). */
  umRequests(): number;
  /** A Cookie header for a fresh session of the seeded user with `role`. */
  sessionCookie(role: Role): Promise<string>;
  /**
   * Starts the console again on the same data folder, simulator and environment, as an
   * administrator restarting the service does; a console still running is stopped first.
   */
  restartConsole(): Promise<RunningConsole>;
  /** A new API token of the seeded user with `role`, made by the admin CLI as an administrator would. */
  apiToken(role: Role, name?: string): Promise<string>;
  stop(): Promise<void>;
}

export interface SecurityTargetOptions {
  /** Extra console environment. */
  readonly env?: StartConsoleOptions['env'];
  /** Extra simulator options (timings, a log hook); the Basic-auth account is always set. */
  readonly simulator?: Omit<UmSimulatorOptions, 'username' | 'password'>;
}

/** Builds when stale, starts a Basic-auth simulator and a console pointed at it with one user per role. */
export async function startSecurityTarget(options: SecurityTargetOptions = {}): Promise<SecurityTarget> {
  await buildIfStale({ root: process.cwd() });
  const simulator = await startUmSimulator({
    ringMs: 200,
    teardownMs: 100,
    // The injection tests read exactly what the console sent.
    recordBodies: true,
    ...options.simulator,
    username: UM_TEST_USERNAME,
    password: UM_TEST_PASSWORD,
  });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'um-console-security-'));
  const consoleOptions: StartConsoleOptions = {
    dataDir,
    env: { UM_SERVICE_URL: simulator.url, UM_USERNAME: UM_TEST_USERNAME, UM_PASSWORD: UM_TEST_PASSWORD, ...options.env },
  };
  const cleanUp = async () => {
    await simulator.close();
    await releaseConsoleDatabase(dataDir);
    await rm(dataDir, { recursive: true, force: true });
  };
  let running: RunningConsole;
  try {
    await seedE2eUsers(dataDir);
    running = await startConsole(consoleOptions);
  } catch (error) {
    await cleanUp();
    throw error;
  }
  let tokens = 0;
  return {
    get console() {
      return running;
    },
    get url() {
      return running.url;
    },
    dataDir,
    simulator,
    umRequests: () => simulator.requestCount(),
    sessionCookie: (role) => sessionCookieFor(running.url, E2E_USERS[role]),
    restartConsole: async () => {
      await running.stop();
      running = await startConsole(consoleOptions);
      return running;
    },
    apiToken: (role, name) => createApiToken(dataDir, E2E_USERS[role].email, name ?? `security-${role}-${(tokens += 1)}`, options.env),
    stop: async () => {
      await running.stop();
      await cleanUp();
    },
  };
}
