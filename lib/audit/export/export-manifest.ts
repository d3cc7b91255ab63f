import { z } from 'zod';
import { signText, type AuditSigningKey } from '../chain/signing-key';

export const EXPORT_MANIFEST_VERSION = 1;

const seq = z.number().int().min(1);

/**
 * What an export manifest holds. Strict: a field the signature does not cover is refused rather
 * than shown as if it were vouched for.
 */
export const exportManifestSchema = z.strictObject({
  manifestVersion: z.literal(EXPORT_MANIFEST_VERSION),
  generatedAt: z.string().describe('When the manifest was made (ISO 8601, UTC).'),
  format: z.enum(['csv', 'ndjson']),
  view: z.enum(['disconnects', 'events']).describe('The audit page tab: one row per disconnect attempt, or every event.'),
  filter: z
    .record(z.string(), z.string())
    .describe('The filter as applied: actor, action, outcome, callId, batchId, from and to (ISO 8601 UTC), q; absent ones are left out.'),
  through: z.number().int().min(0).describe('The export holds no entry above this seq (0: the log was empty).'),
  rowCount: z.number().int().min(0),
  firstSeq: seq.nullable().describe('The lowest seq in the file (its last row: rows go newest first); null when empty.'),
  lastSeq: seq.nullable().describe('The highest seq in the file (its first row); null when empty.'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 of the exact file bytes, lowercase hex.'),
  chainHead: z
    .object({ seq, hash: z.string().regex(/^[0-9a-f]{64}$/).nullable() })
    .strict()
    .nullable()
    .describe("The audit entry at `through` and its hash-chain hash, as verify-audit and checkpoints show it."),
  keyId: z.string().regex(/^[0-9a-f]{16}$/).describe('First 16 hex digits of SHA-256 over the public key (DER).'),
  publicKey: z.string().describe('The signing key (SPKI PEM). Proves nothing by itself: compare it with the key you trust.'),
  signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).describe('Base64 Ed25519 signature over the canonical encoding of every other field.'),
});

export type ExportManifest = z.infer<typeof exportManifestSchema>;
export type UnsignedExportManifest = Omit<ExportManifest, 'signature'>;

/**
 * The bytes the signature covers, version 1: the UTF-8 of JSON.stringify of an array holding the
 * tag "audit-export-manifest", then manifestVersion, generatedAt, format, view, the filter as
 * [name, value] pairs sorted by name, through, rowCount, firstSeq, lastSeq, sha256, chainHead as
 * [seq, hash] (or null), keyId and publicKey, in this order. JSON key order in the manifest file
 * therefore does not matter, and every field but the signature is covered.
 */
export function canonicalManifestText(manifest: UnsignedExportManifest): string {
  const filter = Object.entries(manifest.filter).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    'audit-export-manifest',
    manifest.manifestVersion,
    manifest.generatedAt,
    manifest.format,
    manifest.view,
    filter,
    manifest.through,
    manifest.rowCount,
    manifest.firstSeq,
    manifest.lastSeq,
    manifest.sha256,
    manifest.chainHead === null ? null : [manifest.chainHead.seq, manifest.chainHead.hash],
    manifest.keyId,
    manifest.publicKey,
  ]);
}

/** The manifest with its signature, fields in the documented order. */
export function signManifest(manifest: UnsignedExportManifest, key: AuditSigningKey): ExportManifest {
  return { ...manifest, signature: signText(key, canonicalManifestText(manifest)) };
}
