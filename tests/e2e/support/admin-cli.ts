// The admin CLI as an administrator runs it (`npm run --silent admin -- …`), against a console's data folder.
import { runAdminCommand, type CommandRun } from '../../helpers/admin-command';
import { consoleDatabaseEnv } from '../../helpers/databases/console-database';

/**
 * Runs one admin command through npm, as the README shows, with DATA_DIR (and other overrides) set.
 * Unless `env` sets DATABASE_URL itself, the command uses the database of the console on DATA_DIR.
 */
export async function runAdminCli(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<CommandRun> {
  const dataDir = env.DATA_DIR;
  const database = dataDir !== undefined && !Object.hasOwn(env, 'DATABASE_URL') ? await consoleDatabaseEnv(dataDir) : {};
  return runAdminCommand(args, { env: { ...database, ...env }, viaNpm: true });
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
  if (run.code !== 0) throw new Error(`admin create-token exited ${run.code}: ${run.stderr}`);
  return run.stdout.trimEnd().split('\n').at(-1) ?? '';
}
