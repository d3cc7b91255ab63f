import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import path from 'node:path';
import { getConfig, isBuildPhase } from '../../config';
import { loadOrCreateSecret, readSecretFile, type SecretFile } from '../../secret-file';

export const SIGNING_KEY_FILE_NAME = 'audit-signing-key';

/**
 * The Ed25519 key that signs audit checkpoints and export manifests. It lives beside the HMAC key
 * (AUDIT_SIGNING_KEY, or `<dataDir>/audit-signing-key`), never in the database. The private half
 * stays on the server; auditors keep the public half (`publicKeyPem`) and verify with it alone.
 */
export interface AuditSigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** SPKI PEM: what an auditor keeps and hands to verify-export. */
  readonly publicKeyPem: string;
  /** First 16 hex digits of SHA-256 over the public key's DER: names the key in checkpoints and manifests. */
  readonly keyId: string;
}

// RFC 8410: the PKCS#8 wrapping of a raw 32-byte Ed25519 private key.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SEED_BYTES = 32;

const cached = new Map<string, AuditSigningKey>();

/** The key from a 32-byte seed, given as base64 or base64url text. */
export function signingKeyFromSeed(seedText: string): AuditSigningKey {
  const seed = Buffer.from(seedText.trim().replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''), 'base64url');
  if (seed.length !== SEED_BYTES) {
    throw new Error(`An audit signing key is a ${SEED_BYTES}-byte seed; this one has ${seed.length} bytes.`);
  }
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  return { privateKey, publicKey, publicKeyPem, keyId: publicKeyIdOf(publicKey) };
}

/** The process's signing key: AUDIT_SIGNING_KEY when set, otherwise the key file (created on first use). */
export function getAuditSigningKey(): AuditSigningKey {
  const config = getConfig();
  if (config.auditSigningKey) return signingKeyFromSeed(config.auditSigningKey);
  if (isBuildPhase()) {
    throw new Error('The audit signing key is not used while the console is being built (next build).');
  }
  const hit = cached.get(config.dataDir);
  if (hit) return hit;
  const key = signingKeyFromSeed(loadOrCreateSecret(keyFile(path.join(config.dataDir, SIGNING_KEY_FILE_NAME))));
  cached.set(config.dataDir, key);
  return key;
}

/** The process's signing key if one exists, creating nothing (for verifiers). */
export function findAuditSigningKey(): AuditSigningKey | undefined {
  const config = getConfig();
  if (config.auditSigningKey) return signingKeyFromSeed(config.auditSigningKey);
  const hit = cached.get(config.dataDir);
  if (hit) return hit;
  const seed = readSecretFile(keyFile(path.join(config.dataDir, SIGNING_KEY_FILE_NAME)));
  if (seed === undefined) return undefined;
  const key = signingKeyFromSeed(seed);
  cached.set(config.dataDir, key);
  return key;
}

/** Base64 Ed25519 signature over the UTF-8 bytes of `text`. */
export function signText(key: AuditSigningKey, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), key.privateKey).toString('base64');
}

/** True when `signature` (base64) is the signature of `text` under the public key (SPKI PEM or KeyObject). */
export function verifyTextSignature(publicKey: string | KeyObject, text: string, signature: string): boolean {
  try {
    const keyObject = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    if (keyObject.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, Buffer.from(text, 'utf8'), keyObject, Buffer.from(signature, 'base64'));
  } catch {
    // A malformed key or signature is simply not a valid signature.
    return false;
  }
}

/** The key id of a public key (SPKI PEM or KeyObject). */
export function publicKeyIdOf(publicKey: string | KeyObject): string {
  const keyObject = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const der = keyObject.export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

function keyFile(file: string): SecretFile {
  return {
    file,
    label: 'audit signing key',
    holds: 'key',
    minLength: 43,
    whenUnusable: 'Restore it from your backup: checkpoints and manifests signed with the old key stay verifiable with its public key.',
  };
}
