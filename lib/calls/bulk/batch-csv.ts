import { toCsvLine, type CsvValue } from '../../audit/export/csv-cells';
import type { Batch } from './batch-types';

export const BATCH_CSV_HEADER: readonly string[] = [
  'position', 'call_id', 'label', 'status', 'outcome', 'fault_code', 'error_code', 'message',
  'attempt_id', 'audit_seq', 'started_at', 'finished_at', 'batch_id', 'batch_reason',
];

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * A batch's results as CSV (RFC 4180, CRLF): one row per call with its outcome and fault, times
 * in ISO 8601 UTC, cells a spreadsheet would run as formulas neutralised like the audit export.
 */
export function batchResultsCsv(batch: Batch): string {
  const lines = [toCsvLine(BATCH_CSV_HEADER)];
  for (const item of batch.items) {
    const cells: CsvValue[] = [
      item.position, item.callId, item.label, item.status, item.outcome, item.faultCode, item.errorCode, item.message,
      item.attemptId, item.auditSeq, iso(item.startedAt), iso(item.finishedAt), batch.batchId, batch.reason,
    ];
    lines.push(toCsvLine(cells));
  }
  return lines.join('');
}

/** "bulk-disconnect-<first 8 of the id>-<created, UTC>.csv" */
export function batchResultsFilename(batch: Pick<Batch, 'batchId' | 'createdAt'>): string {
  const stamp = new Date(batch.createdAt).toISOString().replace(/[:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `bulk-disconnect-${batch.batchId.slice(0, 8)}-${stamp}.csv`;
}
