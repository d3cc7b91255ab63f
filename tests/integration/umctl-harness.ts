// Helpers for the umctl tests: run the CLI as a real process, start the stand-alone simulator.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { readEnvironmentVariable } from '../../lib/config';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** PATH and HOME only: no UM_* variable of the person running the tests leaks into a child. */
function childEnvironment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return {
    PATH: readEnvironmentVariable('PATH') ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: readEnvironmentVariable('HOME') ?? '/tmp',
    NODE_ENV: 'test',
    ...extra,
  };
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `umctl` in a child process whose environment holds only `env` besides PATH and HOME. */
export async function runCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/umctl.ts', ...args], {
    cwd: REPO_ROOT,
    env: childEnvironment(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [stdout, stderr, [code]] = await Promise.all([
    collect(child.stdout),
    collect(child.stderr),
    once(child, 'exit') as Promise<[number | null]>,
  ]);
  return { code, stdout, stderr };
}

async function collect(stream: NodeJS.ReadableStream | null): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses stdout that must hold exactly one JSON object and nothing else. */
export function parseSingleJson(stdout: string): Record<string, unknown> {
  const lines = stdout.trimEnd().split('\n');
  if (lines.length !== 1) throw new Error(`expected one line of JSON, got ${lines.length}: ${stdout.slice(0, 400)}`);
  const value: unknown = JSON.parse(lines[0] ?? '');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`not a JSON object: ${stdout}`);
  return value as Record<string, unknown>;
}

export async function findFreePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface StandaloneSimulator {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `npm run um-simulator -- --port <free port> …` in its own process group. */
export async function startStandaloneSimulator(extraArgs: readonly string[] = []): Promise<StandaloneSimulator> {
  const port = await findFreePort();
  const child = spawn('npm', ['run', '--silent', 'um-simulator', '--', '--port', String(port), ...extraArgs], {
    cwd: REPO_ROOT,
    env: childEnvironment(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const url = await waitForListening(child, 30_000);
  return {
    url,
    stop: () => stopGroup(child),
  };
}

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`the simulator did not start in ${timeoutMs} ms: ${seen}`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      void stopGroup(child);
      reject(error);
    };
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = /listening on (http\S+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => fail(new Error(`the simulator exited (${code}) before listening: ${seen}`)));
  });
}

/** Ends the simulator's process group (npm, its shell and node) that this test started. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = once(child, 'exit');
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  await exited;
}
