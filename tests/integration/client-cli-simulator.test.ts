import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { createUmClient, UmHttpError } from '../../lib/um';
import { startUmSimulator } from '../../lib/um/simulator';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Running {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

/** Runs the simulator CLI as its own process, the way `npm run um-simulator -- …` does. */
function runCli(args: readonly string[]): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/um/simulator/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function listeningUrl(running: Running, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = /^UM simulator listening on (\S+)$/m.exec(running.stdout());
    if (match?.[1]) return match[1];
    if (running.child.exitCode !== null || Date.now() > deadline) {
      assert.fail(`the simulator did not start; stdout: ${running.stdout()} stderr: ${running.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the stand-alone simulator command', { timeout: 60_000 }, () => {
  it('prints its URL and the dial-string conventions, serves a client, logs requests and stops cleanly on SIGTERM', async (t) => {
    const running = runCli(['--port', '0', '--ring-ms', '0']);
    t.after(() => running.child.kill('SIGKILL'));
    const url = await listeningUrl(running);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/EWS\/UM2007Legacy\.asmx$/);
    assert.match(running.stdout(), /ending 0000: never answers/);
    assert.match(running.stdout(), /ending 9999: stuck/);

    const client = createUmClient({ url, timeoutMs: 5_000 });
    try {
      const callId = await client.playOnPhone('AAAA', '12345');
      assert.equal((await client.getCallInfo(callId)).state, 'Connected');
    } finally {
      await client.close();
    }
    assert.match(running.stdout(), / PlayOnPhone 200 /);
    running.child.kill('SIGTERM');
    assert.equal(await running.exited, 0);
    assert.match(running.stdout(), /UM simulator stopped\./);
  });

  it('--fail with --fail-count fails that many requests and then answers normally', async (t) => {
    const running = runCli(['--port', '0', '--fail', 'http503', '--fail-count', '1']);
    t.after(() => running.child.kill('SIGKILL'));
    const client = createUmClient({ url: await listeningUrl(running), timeoutMs: 5_000 });
    try {
      await assert.rejects(client.isUmEnabled(), (error: unknown) => error instanceof UmHttpError && error.status === 503);
      assert.equal(await client.isUmEnabled(), true);
    } finally {
      await client.close();
    }
    running.child.kill('SIGINT');
    assert.equal(await running.exited, 0);
  });

  it('exits with code 2 and a clear message on an unknown flag', async () => {
    const running = runCli(['--port', '0', '--colour', 'blue']);
    assert.equal(await running.exited, 2);
    assert.match(running.stderr(), /um-simulator: .*--colour/);
  });

  it('exits with code 2 and says so when the port is already in use', async (t) => {
    const occupant = await startUmSimulator();
    t.after(() => occupant.close());
    const port = new URL(occupant.origin).port;
    const running = runCli(['--port', port]);
    assert.equal(await running.exited, 2);
    assert.match(running.stderr(), new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
  });
});
