import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor';
import { hasAnyRole } from '../../auth/roles';
import type { Database } from '../../db/schema';
import { fail, ok, type Result } from '../../result';
import { appendAuditEvent, type Clock } from '../append-audit-event';
import type { SearchParamsInput } from '../search-params';
import { streamAuditRows, type ExportEnd, type ExportFormat } from './export-stream';
import { ATTEMPTS_VIEW, EVENTS_VIEW, type AuditView } from './export-views';
import { exportFilename, readExportRequest, type AuditExportError } from './read-export-request';

export interface AuditExport {
  readonly stream: ReadableStream<Uint8Array>;
  readonly contentType: string;
  readonly filename: string;
  readonly format: ExportFormat;
  readonly view: AuditView;
  /** The seq the export is pinned to (see pin-export.ts). */
  readonly through: number;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/**
 * Exactly the audit page's filtered view (same parameters: tab, actor, action, outcome, callId,
 * from, to, q), as CSV or NDJSON, streamed, holding no row above `through` (default: the head when
 * the export starts). When the stream ends, the export itself goes on record as 'audit.export' with
 * the filter, the format and the number of rows; that entry comes after `through`, so it is never
 * part of the export it describes.
 */
export async function startAuditExport(
  db: Kysely<Database>,
  actor: Actor,
  params: SearchParamsInput,
  clock: Clock = Date.now,
): Promise<Result<AuditExport, AuditExportError>> {
  if (!hasAnyRole(actor.role, ['auditor', 'operator'])) {
    return fail('forbidden', 'Exporting the audit log needs the Auditor, Operator or Administrator role.');
  }
  const request = await readExportRequest(db, actor, params);
  if (!request.ok) return request;
  const { format, view, filter, pin, shown } = request.data;
  const recordExport = async (end: ExportEnd) => {
    try {
      await appendAuditEvent(
        db,
        {
          action: 'audit.export',
          actor,
          outcome: end.complete ? 'success' : 'failure',
          details: {
            filter: shown,
            ownEntriesOnly: filter.onlyActorId !== undefined,
            view,
            format,
            through: pin.through,
            rows: end.rows,
            complete: end.complete,
          },
        },
        clock,
      );
    } catch (error) {
      console.error('An audit export could not be recorded in the audit log:', error);
    }
  };
  const stream =
    view === 'events'
      ? streamAuditRows(db, EVENTS_VIEW, filter, format, recordExport)
      : streamAuditRows(db, ATTEMPTS_VIEW, filter, format, recordExport);
  return ok({ stream, contentType: CONTENT_TYPES[format], filename: exportFilename(request.data), format, view, through: pin.through });
}
