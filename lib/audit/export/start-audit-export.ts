import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor';
import { hasAnyRole } from '../../auth/roles';
import type { Database } from '../../db/schema';
import { fail, ok, type Result } from '../../result';
import { appendAuditEvent, type Clock } from '../append-audit-event';
import { parseAuditFilter, type AuditFilter } from '../audit-filter';
import { flattenSearchParams, type SearchParamsInput } from '../search-params';
import { streamAuditRows, type ExportFormat } from './export-stream';
import { ATTEMPTS_VIEW, EVENTS_VIEW, parseAuditView, type AuditView } from './export-views';

export interface AuditExport {
  readonly stream: ReadableStream<Uint8Array>;
  readonly contentType: string;
  readonly filename: string;
  readonly format: ExportFormat;
  readonly view: AuditView;
}

export type AuditExportError = 'invalid-filter' | 'forbidden';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/** Auditors and administrators export everything; operators, as on the page, only their own entries. */
export function scopeAuditFilter(filter: AuditFilter, actor: Actor): AuditFilter {
  return hasAnyRole(actor.role, ['auditor']) ? filter : { ...filter, onlyActorId: actor.id };
}

/**
 * Exactly the audit page's filtered view (same parameters: tab, actor, action, outcome, callId,
 * from, to, q), as CSV or NDJSON, streamed. When the stream ends, the export itself goes on record
 * as 'audit.export' with the filter, the format and the number of rows.
 */
export function startAuditExport(
  db: Kysely<Database>,
  actor: Actor,
  params: SearchParamsInput,
  clock: Clock = Date.now,
): Result<AuditExport, AuditExportError> {
  if (!hasAnyRole(actor.role, ['auditor', 'operator'])) {
    return fail('forbidden', 'Exporting the audit log needs the Auditor, Operator or Administrator role.');
  }
  const flat = flattenSearchParams(params);
  const formatText = flat.format ?? 'csv';
  if (formatText !== 'csv' && formatText !== 'ndjson') {
    return fail('invalid-filter', 'Format: choose csv or ndjson.', { format: 'Format: choose csv or ndjson.' });
  }
  const format: ExportFormat = formatText;
  const parsed = parseAuditFilter(params);
  if (!parsed.ok) return parsed;
  const filter = scopeAuditFilter(parsed.data, actor);
  const view = parseAuditView(flat.tab);
  const startedAt = clock();
  const recordExport = async (end: { rows: number; complete: boolean }) => {
    const shown = Object.fromEntries(Object.entries(flat).filter(([name]) => name !== 'format' && name !== 'cursor'));
    try {
      await appendAuditEvent(
        db,
        {
          action: 'audit.export',
          actor,
          outcome: end.complete ? 'success' : 'failure',
          details: { filter: shown, ownEntriesOnly: filter.onlyActorId !== undefined, view, format, rows: end.rows, complete: end.complete },
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
  const stamp = new Date(startedAt).toISOString().replace(/[:]/g, '').replace(/\.\d+Z$/, 'Z');
  return ok({ stream, contentType: CONTENT_TYPES[format], filename: `audit-${view}-${stamp}.${format}`, format, view });
}
