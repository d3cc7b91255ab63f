import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor';
import { hasAnyRole } from '../../auth/roles';
import type { Database } from '../../db/schema';
import { fail, ok, type Result } from '../../result';
import type { Clock } from '../append-audit-event';
import { getAuditSigningKeyForWriting } from '../chain/audit-keys-for-writing';
import type { AuditSigningKey } from '../chain/signing-key';
import type { SearchParamsInput } from '../search-params';
import { describeFilter } from './describe-filter';
import { EXPORT_MANIFEST_VERSION, signManifest, type ExportManifest } from './export-manifest';
import { streamAuditRows, type ExportEnd } from './export-stream';
import { ATTEMPTS_VIEW, EVENTS_VIEW } from './export-views';
import { exportFilename, readExportRequest, type AuditExportError } from './read-export-request';

export interface AuditExportManifest {
  readonly manifest: ExportManifest;
  /** The export's own file name + ".manifest.json", so the two sort and pair up. */
  readonly filename: string;
}

export interface ManifestOptions {
  readonly clock?: Clock;
  /** The console's signing key by default (AUDIT_SIGNING_KEY or the data folder's key file). */
  readonly key?: AuditSigningKey;
}

/**
 * The signed manifest of the export the same parameters download: it runs the same pinned query,
 * serialises the rows the same way and hashes the bytes as they go by (one batch in memory), so
 * the file fetched before or after matches it byte for byte. Auditors and administrators only: an
 * operator's export is limited to their own entries and is not evidence about the log.
 */
export async function buildAuditExportManifest(
  db: Kysely<Database>,
  actor: Actor,
  params: SearchParamsInput,
  options: ManifestOptions = {},
): Promise<Result<AuditExportManifest, AuditExportError>> {
  if (!hasAnyRole(actor.role, ['auditor'])) {
    return fail('forbidden', 'Signed export manifests need the Auditor or Administrator role.');
  }
  const request = await readExportRequest(db, actor, params);
  if (!request.ok) return request;
  const { format, view, filter, pin } = request.data;
  const hash = createHash('sha256');
  let end: ExportEnd | undefined;
  const record = async (result: ExportEnd) => {
    end = result;
  };
  const stream =
    view === 'events' ? streamAuditRows(db, EVENTS_VIEW, filter, format, record) : streamAuditRows(db, ATTEMPTS_VIEW, filter, format, record);
  const reader = stream.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) hash.update(chunk.value);
  if (!end?.complete) throw new Error('The export stream ended before its last row');
  const key = options.key ?? (await getAuditSigningKeyForWriting(db));
  const manifest = signManifest(
    {
      manifestVersion: EXPORT_MANIFEST_VERSION,
      generatedAt: new Date((options.clock ?? Date.now)()).toISOString(),
      format,
      view,
      filter: describeFilter(filter),
      through: pin.through,
      rowCount: end.rows,
      firstSeq: end.firstSeq,
      lastSeq: end.lastSeq,
      sha256: hash.digest('hex'),
      chainHead: pin.chainHead,
      keyId: key.keyId,
      publicKey: key.publicKeyPem,
    },
    key,
  );
  return ok({ manifest, filename: `${exportFilename(request.data)}.manifest.json` });
}
