import path from 'node:path';
import { getConfig, isBuildPhase } from '../../config';
import { loadOrCreateSecret, readSecretFile, type SecretFile } from '../../secret-file';

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
  const hit = cached.get(config.dataDir);
  if (hit) return hit;
  const key = readKey(path.join(config.dataDir, AUDIT_KEY_FILE_NAME));
  if (key) cached.set(config.dataDir, key);
  return key;
}

function keyFile(file: string): SecretFile {
  return {
    file,
    label: 'audit key',
    holds: 'key',
    minLength: MIN_KEY_LENGTH,
    whenUnusable: 'Restore it from your backup: without the original key the audit log can no longer be verified.',
  };
}

/** Reads `<dataDir>/audit-hmac-key`, creating it first when missing (see loadOrCreateSecret). */
export function loadOrCreateAuditKeyFile(dataDir: string): AuditKey {
  return Buffer.from(loadOrCreateSecret(keyFile(path.join(dataDir, AUDIT_KEY_FILE_NAME))), 'utf8');
}

function readKey(file: string): AuditKey | undefined {
  const key = readSecretFile(keyFile(file));
  return key === undefined ? undefined : Buffer.from(key, 'utf8');
}
