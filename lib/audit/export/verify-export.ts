import type { KeyObject } from 'node:crypto';
import { fail, ok, type Result } from '../../result';
import { publicKeyIdOf, verifyTextSignature } from '../chain/signing-key';
import { canonicalManifestText, exportManifestSchema, type ExportManifest } from './export-manifest';
import { scanExportFile } from './scan-export-file';

export type ExportMismatch = 'bad-manifest' | 'bad-signature' | 'other-key' | 'bad-file';

export interface VerifiedExport {
  readonly manifest: ExportManifest;
  /** The key id of the trusted key that the signature verified with. */
  readonly keyId: string;
}

/**
 * Checks an export file against its manifest, offline, in this order: the manifest's shape; its
 * signature under the key the caller trusts (never the key the manifest carries: anyone can sign
 * with a key of their own and write it there); the rows (newest first, nothing above `through`);
 * the row count, the first and last seq; the SHA-256 of the bytes. Stops at the first problem.
 */
export async function verifyExport(
  manifestText: string,
  file: AsyncIterable<Uint8Array>,
  trustedKey: KeyObject,
): Promise<Result<VerifiedExport, ExportMismatch>> {
  const manifest = readManifest(manifestText);
  if (!manifest.ok) return manifest;
  const m = manifest.data;
  const trustedId = publicKeyIdOf(trustedKey);
  if (!verifyTextSignature(trustedKey, canonicalManifestText(m), m.signature)) {
    return signedByOther(m, trustedId)
      ? fail('other-key', `The manifest names key ${m.keyId}, not the key you trust (${trustedId}): it was not signed by that key.`)
      : fail('bad-signature', `The manifest's signature does not match its contents under key ${trustedId}: the manifest was changed, or its signature replaced, after it was signed.`);
  }
  const scan = await scanExportFile(file, m);
  if (scan.problem !== null) return fail('bad-file', scan.problem);
  if (scan.rows !== m.rowCount) {
    return fail('bad-file', `The file holds ${scan.rows} rows, the manifest ${m.rowCount}: rows were ${scan.rows < m.rowCount ? 'removed' : 'added'}.`);
  }
  if (scan.firstSeq !== m.firstSeq || scan.lastSeq !== m.lastSeq) {
    return fail('bad-file', `The file's rows span ${span(scan.firstSeq, scan.lastSeq)}, the manifest's ${span(m.firstSeq, m.lastSeq)}.`);
  }
  if (scan.sha256 !== m.sha256) {
    return fail('bad-file', `The file's SHA-256 is ${scan.sha256}, the manifest's ${m.sha256}: the file's bytes were changed after it was exported.`);
  }
  return ok({ manifest: m, keyId: trustedId });
}

function readManifest(text: string): Result<ExportManifest, 'bad-manifest'> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('bad-manifest', 'The manifest is not JSON: it is not a manifest the console wrote, or it was damaged.');
  }
  const parsed = exportManifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `"${issue.path.map(String).join('.')}"` : 'its layout';
    return fail('bad-manifest', `The manifest is not one the console writes (version 1): ${where} is not as expected.`);
  }
  return ok(parsed.data);
}

/** True when the manifest carries another public key than the trusted one. */
function signedByOther(manifest: ExportManifest, trustedId: string): boolean {
  try {
    return publicKeyIdOf(manifest.publicKey) !== trustedId || manifest.keyId !== trustedId;
  } catch {
    // An unreadable embedded key is not the trusted one.
    return true;
  }
}

function span(first: number | null, last: number | null): string {
  return first === null || last === null ? 'no seq at all' : `seq ${first}–${last}`;
}
