import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor';
import { hasAnyRole } from '../../auth/roles';
import type { Database } from '../../db/schema';
import { fail, ok, type Result } from '../../result';
import { parseAuditFilter, type AuditFilter } from '../audit-filter';
import { flattenSearchParams, type SearchParamsInput } from '../search-params';
import type { ExportFormat } from './export-stream';
import { parseAuditView, type AuditView } from './export-views';
import { pinAuditExport, type ExportPin } from './pin-export';

export type AuditExportError = 'invalid-filter' | 'forbidden';

/** One export as asked for: the same parameters give the same rows, for the file and its manifest. */
export interface ExportRequest {
  readonly format: ExportFormat;
  readonly view: AuditView;
  /** Scoped to the caller and pinned (throughSeq): exactly the rows the export holds. */
  readonly filter: AuditFilter;
  readonly pin: ExportPin;
  /** The query parameters as given (tab and filters), for the audit entry that records the export. */
  readonly shown: Readonly<Record<string, string>>;
}

/** Auditors and administrators export everything; operators, as on the page, only their own entries. */
export function scopeAuditFilter(filter: AuditFilter, actor: Actor): AuditFilter {
  return hasAnyRole(actor.role, ['auditor']) ? filter : { ...filter, onlyActorId: actor.id };
}

// Parameters that shape the download rather than select rows.
const NOT_FILTERS = new Set(['format', 'cursor', 'limit', 'through']);

/**
 * Reads an export's parameters (format, tab, the audit page's filters, through) the same way for
 * the file and for its manifest, and pins it to `through` or to the current head.
 */
export async function readExportRequest(
  db: Kysely<Database>,
  actor: Actor,
  params: SearchParamsInput,
): Promise<Result<ExportRequest, AuditExportError>> {
  const flat = flattenSearchParams(params);
  const formatText = flat.format ?? 'csv';
  if (formatText !== 'csv' && formatText !== 'ndjson') {
    return fail('invalid-filter', 'Format: choose csv or ndjson.', { format: 'Format: choose csv or ndjson.' });
  }
  const parsed = parseAuditFilter(params);
  if (!parsed.ok) return parsed;
  const pin = await pinAuditExport(db, flat.through);
  if (!pin.ok) return pin;
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(flat)) if (value !== undefined && !NOT_FILTERS.has(name)) shown[name] = value;
  return ok({
    format: formatText,
    view: parseAuditView(flat.tab),
    filter: { ...scopeAuditFilter(parsed.data, actor), throughSeq: pin.data.through },
    pin: pin.data,
    shown,
  });
}

/**
 * File names that pair up and say what they hold: audit-events-2026-11-27-through-123.csv (the date
 * of entry 123, the last one the export can hold) and the same name + ".manifest.json".
 */
export function exportFilename(request: ExportRequest): string {
  const day = request.pin.at === null ? [] : [new Date(request.pin.at).toISOString().slice(0, 10)];
  return ['audit', request.view, ...day, `through-${request.pin.through}`].join('-') + `.${request.format}`;
}
