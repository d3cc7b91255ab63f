// The admin CLI as an administrator runs it (`npm run --silent admin -- …`), against a console's data folder.
import { spawn } from 'node:child_process';
import { buildChildEnvironment } from '../../../lib/config';

export interface AdminRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** Runs one admin command with DATA_DIR (and any other overrides) set; resolves whatever its exit code. */
export function runAdminCli(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<AdminRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'admin', '--', ...args], {
      env: buildChildEnvironment(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err }));
  });
}

/**
 * Creates an API token for `email` with the CLI and returns it (the last line printed). `env` must
 * carry the console's AUDIT_HMAC_KEY when it has one: the token's audit event is chained with it.
 */
export async function createApiToken(
  dataDir: string,
  email: string,
  name: string,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<string> {
  const run = await runAdminCli(['create-token', '--email', email, '--name', name], { ...env, DATA_DIR: dataDir });
  if (run.code !== 0) throw new Error(`admin create-token exited ${run.code}: ${run.err}`);
  return run.out.trimEnd().split('\n').at(-1) ?? '';
}
