import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { getConfig, isBuildPhase } from '../config';
import { loadOrCreateSecret } from '../secret-file';

export const SECRET_FILE_NAME = 'auth-secret';
const MIN_SECRET_LENGTH = 32;

let cached: string | undefined;

/**
 * The key that signs and encrypts session tokens: AUTH_SECRET (or NEXTAUTH_SECRET) when set,
 * otherwise the one generated into the data folder on first start. Never a built-in default.
 */
export function getAuthSecret(): string {
  if (cached) return cached;
  const config = getConfig();
  // A build renders pages but signs no session: a throwaway key, and no file in a data folder
  // that the running server may not even use.
  if (!config.authSecret && isBuildPhase()) return randomBytes(32).toString('base64url');
  cached = config.authSecret ?? loadOrCreateSecretFile(config.dataDir);
  return cached;
}

/** Reads `<dataDir>/auth-secret`, creating it first when it does not exist (see loadOrCreateSecret). */
export function loadOrCreateSecretFile(dataDir: string): string {
  return loadOrCreateSecret({
    file: path.join(dataDir, SECRET_FILE_NAME),
    label: 'session secret',
    holds: 'secret',
    minLength: MIN_SECRET_LENGTH,
    whenUnusable: 'Delete it to have a new one generated (everyone will have to sign in again), or set AUTH_SECRET.',
  });
}
