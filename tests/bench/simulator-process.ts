import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface SimulatorProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Runs the stand-alone simulator in its own process (port 0: the OS picks a free one), so the
 * server does not share the measured client's event loop.
 */
export async function startSimulatorProcess(repoRoot: string, extraArgs: readonly string[] = []): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/um/simulator/cli.ts', '--port', '0', ...extraArgs], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the simulator did not start: ${seen.slice(0, 500)}`)), 30_000);
    // Keep draining stdout: the simulator logs every request, and a full pipe would stall it.
    child.stdout?.on('data', (chunk: Buffer) => {
      if (seen.length < 4_096) seen += chunk.toString('utf8');
      const match = /listening on (http\S+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited (${code}): ${seen.slice(0, 500)}`));
    });
  });
  return { url, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
