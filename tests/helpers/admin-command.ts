// The admin CLI run as an administrator runs it, in a child process, for the tests of every stage.
import { spawn } from 'node:child_process';
import { buildChildEnvironment } from '../../lib/config';

export interface CommandRun {
  /** The exit code; -1 when the process ended by a signal. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface AdminCommandOptions {
  /** Environment overrides on top of this process's (undefined removes a variable). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Piped to stdin (the password of create-user); stdin is closed either way. */
  readonly stdin?: string;
  /** Through `npm run --silent admin --`, exactly as the README says, rather than tsx directly (faster). */
  readonly viaNpm?: boolean;
}

/** Runs `admin <args>` and resolves with its exit code and output, whatever the code. */
export function runAdminCommand(args: readonly string[], options: AdminCommandOptions = {}): Promise<CommandRun> {
  const [file, prefix] = options.viaNpm
    ? ['npm', ['run', '--silent', 'admin', '--']]
    : [process.execPath, ['--import', 'tsx', 'lib/cli/admin.ts']];
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...prefix, ...args], { env: buildChildEnvironment(options.env ?? {}), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
