import { z } from 'zod';
import { publicKeyIdOf, signText, verifyTextSignature, type AuditSigningKey } from './signing-key';

export const CHECKPOINT_REASONS = ['periodic', 'on-demand', 'before-prune'] as const;
export type CheckpointReason = (typeof CHECKPOINT_REASONS)[number];

/** A signed statement "the audit log's row `seq` had hash `hash` at time `at`". */
export interface AuditCheckpoint {
  readonly id: string;
  readonly seq: number;
  readonly hash: string;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly keyId: string;
  /** SPKI PEM of the signing key. */
  readonly publicKey: string;
  /** Base64 Ed25519 signature over checkpointText(…). */
  readonly signature: string;
  readonly reason: CheckpointReason;
  readonly requestedBy: string | null;
}

/**
 * What a checkpoint's signature covers, version 1: JSON.stringify of
 * ["audit-checkpoint-v1", seq, hash, at as ISO 8601 UTC with milliseconds, keyId] — e.g.
 * ["audit-checkpoint-v1",57,"3f…","2026-11-27T10:00:00.000Z","9c0e…"]. Id, reason and requester
 * are bookkeeping, not signed. An auditor can rebuild this text from the JSON line and check it
 * with the public key alone.
 */
export function checkpointText(checkpoint: Pick<AuditCheckpoint, 'seq' | 'hash' | 'at' | 'keyId'>): string {
  return JSON.stringify(['audit-checkpoint-v1', checkpoint.seq, checkpoint.hash, new Date(checkpoint.at).toISOString(), checkpoint.keyId]);
}

export type UnsignedCheckpoint = Pick<AuditCheckpoint, 'id' | 'seq' | 'hash' | 'at' | 'reason' | 'requestedBy'>;

export function signCheckpoint(key: AuditSigningKey, unsigned: UnsignedCheckpoint): AuditCheckpoint {
  const withKey = { ...unsigned, keyId: key.keyId, publicKey: key.publicKeyPem };
  return { ...withKey, signature: signText(key, checkpointText(withKey)) };
}

export type SignatureCheck = 'valid' | 'forged' | 'other-key';

/**
 * Checks a checkpoint against the console's public key. 'other-key': it names (and verifies under)
 * some other key, so it proves nothing about this console; 'forged': the signature does not verify.
 */
export function checkCheckpointSignature(checkpoint: AuditCheckpoint, trusted: AuditSigningKey): SignatureCheck {
  const text = checkpointText(checkpoint);
  if (verifyTextSignature(trusted.publicKey, text, checkpoint.signature) && checkpoint.keyId === trusted.keyId) return 'valid';
  const ownKey = safeKeyId(checkpoint.publicKey);
  if (ownKey !== null && ownKey !== trusted.keyId && ownKey === checkpoint.keyId && verifyTextSignature(checkpoint.publicKey, text, checkpoint.signature)) {
    return 'other-key';
  }
  return 'forged';
}

function safeKeyId(pem: string): string | null {
  try {
    return publicKeyIdOf(pem);
  } catch {
    return null;
  }
}

const jsonSchema = z.object({
  v: z.literal(1),
  id: z.string().min(1).max(100),
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime(),
  keyId: z.string().min(1).max(100),
  reason: z.enum(CHECKPOINT_REASONS),
  requestedBy: z.string().max(400).nullable(),
  signature: z.string().min(1).max(400),
  publicKey: z.string().min(1).max(2000),
});

/** The JSON form kept in audit-checkpoints.jsonl and printed by `checkpoint-audit`. */
export function checkpointToJson(checkpoint: AuditCheckpoint): string {
  const { id, seq, hash, at, keyId, reason, requestedBy, signature, publicKey } = checkpoint;
  return JSON.stringify({ v: 1, id, seq, hash, at: new Date(at).toISOString(), keyId, reason, requestedBy, signature, publicKey });
}

/** A checkpoint from its JSON form, or null when the text is not one (a torn or foreign line). */
export function checkpointFromJson(text: string): AuditCheckpoint | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = jsonSchema.safeParse(value);
  if (!parsed.success) return null;
  const { v: _v, at, ...rest } = parsed.data;
  return { ...rest, at: Date.parse(at) };
}
