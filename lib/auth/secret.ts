import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getConfig, isBuildPhase } from '../config';

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

/**
 * Reads `<dataDir>/auth-secret`, creating it first (32 random bytes, mode 0600) when it does not
 * exist. Creation is atomic — written to a private temporary file, then hard-linked into place —
 * so processes starting together all end up with the one secret that won.
 */
export function loadOrCreateSecretFile(dataDir: string): string {
  const file = path.join(dataDir, SECRET_FILE_NAME);
  const existing = readSecret(file);
  if (existing !== undefined) return existing;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  const secret = readSecret(file);
  if (secret === undefined) throw new Error(`Could not create the session secret file ${file}.`);
  return secret;
}

function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const secret = text.trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(
      `The session secret file ${file} holds no usable secret (under ${MIN_SECRET_LENGTH} characters). ` +
        'Delete it to have a new one generated (everyone will have to sign in again), or set AUTH_SECRET.',
    );
  }
  // Only the console's own user may read it, even if it was copied in with looser permissions.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return secret;
}
