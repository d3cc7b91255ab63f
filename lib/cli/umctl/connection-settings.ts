import { readEnvironmentVariable } from '../../config';
import type { UmClientOptions } from '../../um';
import type { ConnectionFlags } from './parse-args';
import { UsageError } from './usage-error';
import { parseWholeNumber } from './whole-number';

const DEFAULT_PASSWORD_VARIABLE = 'UM_PASSWORD';
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Only a conventional upper-case name is repeated back: anything else may be a password typed by mistake.
const SAFE_TO_ECHO = /^[A-Z_][A-Z0-9_]*$/;

/**
 * Merges flags with the UM_* variables (flags win) into client options. The password is only
 * ever read from a variable, so it never sits in the shell history or the process list.
 */
export function resolveConnection(flags: ConnectionFlags): UmClientOptions {
  const url = flags.url ?? readEnvironmentVariable('UM_SERVICE_URL');
  if (url === undefined || url.trim() === '') {
    throw new UsageError('No UM service URL: pass --url or set UM_SERVICE_URL.');
  }
  const username = flags.username ?? readEnvironmentVariable('UM_USERNAME');
  return {
    url: url.trim(),
    username,
    password: readPassword(flags['password-env'], username),
    timeoutMs: numberSetting(flags['timeout-ms'], '--timeout-ms', 'UM_TIMEOUT_MS', 'milliseconds', 1, 3_600_000),
    caFile: flags['ca-file'] ?? readEnvironmentVariable('UM_CA_FILE'),
    maxResponseBytes: numberSetting(
      flags['max-response-bytes'],
      '--max-response-bytes',
      'UM_MAX_RESPONSE_BYTES',
      'bytes',
      1024,
      16 * 1024 * 1024,
    ),
    // One command, one request at a time: a single connection is enough.
    maxConcurrency: 1,
  };
}

function readPassword(variableFlag: string | undefined, username: string | undefined): string | undefined {
  const variable = variableFlag ?? DEFAULT_PASSWORD_VARIABLE;
  if (!VARIABLE_NAME.test(variable)) {
    throw new UsageError('--password-env takes the name of an environment variable (such as UM_PASSWORD), not the password itself.');
  }
  const password = readEnvironmentVariable(variable);
  if (variableFlag !== undefined && password === undefined) {
    const named = SAFE_TO_ECHO.test(variable) ? variable : 'a variable';
    throw new UsageError(`--password-env names ${named}, but that variable is not set.`);
  }
  if (password !== undefined && !username) {
    throw new UsageError(`A password is set in ${SAFE_TO_ECHO.test(variable) ? variable : 'the --password-env variable'} but no user name: pass --username or set UM_USERNAME.`);
  }
  return password;
}

function numberSetting(
  flag: string | undefined,
  flagLabel: string,
  variable: string,
  unit: 'milliseconds' | 'bytes',
  min: number,
  max: number,
): number | undefined {
  if (flag !== undefined) return parseWholeNumber(flagLabel, flag, unit, min, max);
  const fromEnvironment = readEnvironmentVariable(variable);
  if (fromEnvironment === undefined) return undefined;
  return parseWholeNumber(variable, fromEnvironment, unit, min, max);
}
