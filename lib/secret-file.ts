import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A secret kept in a file of the data folder (the session secret, the audit HMAC key). */
export interface SecretFile {
  readonly file: string;
  /** What it is, in words: "session secret", "audit key". */
  readonly label: string;
  /** What the file should hold: "secret", "key". */
  readonly holds: string;
  readonly minLength: number;
  /** What to do when the file holds no usable secret. */
  readonly whenUnusable: string;
}

/** The trimmed secret, or undefined when the file does not exist. Tightens loose permissions to 0600. */
export function readSecretFile(secret: SecretFile): string | undefined {
  let text: string;
  try {
    text = readFileSync(secret.file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const value = text.trim();
  if (value.length < secret.minLength) {
    throw new Error(`The ${secret.label} file ${secret.file} holds no usable ${secret.holds} (under ${secret.minLength} characters). ${secret.whenUnusable}`);
  }
  // Only the console's own user may read it, even if it was copied in with looser permissions.
  if ((statSync(secret.file).mode & 0o077) !== 0) chmodSync(secret.file, 0o600);
  return value;
}

/**
 * Reads the secret, creating it first (32 random bytes as base64url, mode 0600) when missing.
 * Creation is atomic — a private temporary file hard-linked into place — so processes starting
 * together all end up with the one secret that won.
 */
export function loadOrCreateSecret(secret: SecretFile): string {
  const existing = readSecretFile(secret);
  if (existing !== undefined) return existing;
  mkdirSync(path.dirname(secret.file), { recursive: true, mode: 0o700 });
  const temporary = `${secret.file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, secret.file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  const created = readSecretFile(secret);
  if (created === undefined) throw new Error(`Could not create the ${secret.label} file ${secret.file}.`);
  return created;
}
