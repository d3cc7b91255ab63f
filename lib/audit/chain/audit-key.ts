import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getConfig, isBuildPhase } from '../../config';

export const AUDIT_KEY_FILE_NAME = 'audit-hmac-key';
const MIN_KEY_LENGTH = 32;

/**
 * The secret the audit hash chain is keyed with: the UTF-8 bytes of AUDIT_HMAC_KEY, or of the
 * text in `<dataDir>/audit-hmac-key`. It never lives in the database, so someone who can edit
 * the database but not read this key cannot forge a consistent chain.
 */
export type AuditKey = Buffer;

const cached = new Map<string, AuditKey>();

/** The process's audit key: AUDIT_HMAC_KEY when set, otherwise the key file (created on first use). */
export function getAuditHmacKey(): AuditKey {
  const config = getConfig();
  if (config.auditHmacKey) return Buffer.from(config.auditHmacKey, 'utf8');
  // A build renders pages but must append nothing, and must not leave a key in a data folder
  // the running server may not even use.
  if (isBuildPhase()) {
    throw new Error('The audit log cannot be written while the console is being built (next build).');
  }
  const hit = cached.get(config.dataDir);
  if (hit) return hit;
  const key = loadOrCreateAuditKeyFile(config.dataDir);
  cached.set(config.dataDir, key);
  return key;
}

/**
 * The process's audit key if one exists, creating nothing: a verifier must not mint a fresh key
 * and then report every row as edited.
 */
export function findAuditHmacKey(): AuditKey | undefined {
  const config = getConfig();
  if (config.auditHmacKey) return Buffer.from(config.auditHmacKey, 'utf8');
  return cached.get(config.dataDir) ?? readKey(path.join(config.dataDir, AUDIT_KEY_FILE_NAME));
}

/**
 * Reads `<dataDir>/audit-hmac-key`, creating it first (32 random bytes as base64url, mode 0600)
 * when missing. Written to a private temporary file and hard-linked into place, so processes
 * starting together all end up with the one key that won.
 */
export function loadOrCreateAuditKeyFile(dataDir: string): AuditKey {
  const file = path.join(dataDir, AUDIT_KEY_FILE_NAME);
  const existing = readKey(file);
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
  const key = readKey(file);
  if (key === undefined) throw new Error(`Could not create the audit key file ${file}.`);
  return key;
}

function readKey(file: string): AuditKey | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const key = text.trim();
  if (key.length < MIN_KEY_LENGTH) {
    throw new Error(
      `The audit key file ${file} holds no usable key (under ${MIN_KEY_LENGTH} characters). ` +
        'Restore it from your backup: without the original key the audit log can no longer be verified.',
    );
  }
  // Only the console's own user may read it, even if it was copied in with looser permissions.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return Buffer.from(key, 'utf8');
}
