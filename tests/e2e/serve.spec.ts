import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isBuildCurrent } from '../../lib/cli/build-if-stale';
import { buildChildEnvironment } from '../../lib/config';
import { consoleDatabaseEnv, releaseConsoleDatabase } from '../helpers/databases/console-database';
import { E2E_USERS, seedE2eUsers, sessionCookieFor } from './support/auth-users';
import { findFreePort } from './support/free-port';
import { stopProcess } from './support/start-console';
import { expect, test } from './support/fixtures';

// `npm start` as a person runs it: tsx lib/cli/serve.ts, a real process with a real environment.
function startServe(env: Record<string, string | undefined>) {
  const child = spawn(path.join('node_modules', '.bin', 'tsx'), ['lib/cli/serve.ts'], {
    env: buildChildEnvironment({ UM_SERVICE_URL: undefined, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

test('npm start with an invalid setting names the variable and exits 2 before building anything', async () => {
  const serve = startServe({ UM_TIMEOUT_MS: 'soon', PORT: String(await findFreePort()) });
  expect(await serve.exited).toBe(2);
  expect(serve.output()).toContain('UM_TIMEOUT_MS must be a whole number from 100 to 300000, got "soon"');
  expect(serve.output()).not.toContain('next build');
  expect(serve.output()).not.toMatch(/^\s+at /m);
});

test("npm start reuses the current build, serves on PORT, and stops on SIGTERM with next start's own exit code (143)", async () => {
  // Guard, not the behaviour under test: if someone edited the sources after global setup built
  // them, serve would rebuild .next underneath the running test server.
  expect(await isBuildCurrent(process.cwd()), 'the sources changed during this e2e run; run it again').toBe(true);
  const port = await findFreePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'um-console-serve-'));
  await seedE2eUsers(dataDir);
  const serve = startServe({ PORT: String(port), DATA_DIR: dataDir, ...(await consoleDatabaseEnv(dataDir)) });
  try {
    // The default listener is every interface; loopback is enough to check it.
    const url = `http://127.0.0.1:${port}/`;
    await expect
      .poll(async () => fetch(url).then((r) => r.status, () => 0), { timeout: 30_000, intervals: [200] })
      .toBe(200);
    const cookie = await sessionCookieFor(`http://127.0.0.1:${port}`, E2E_USERS.viewer);
    expect(await fetch(url, { headers: { cookie } }).then((r) => r.text())).toContain('The UM service answered IsUMEnabled in');
    expect(serve.output()).toContain('The production build is up to date.');

    serve.child.kill('SIGTERM');
    // next start exits 128 + 15 after a graceful SIGTERM shutdown; serve passes that code on.
    expect(await serve.exited).toBe(143);
    // The forwarded signal stopped next start too: nothing listens on the port any more.
    await expect.poll(async () => fetch(url).then(() => 'answering', () => 'closed'), { timeout: 10_000 }).toBe('closed');
  } finally {
    await stopProcess(serve.child);
    await releaseConsoleDatabase(dataDir);
    await rm(dataDir, { recursive: true, force: true });
  }
});
