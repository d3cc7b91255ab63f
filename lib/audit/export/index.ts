// Streaming CSV and NDJSON exports of the audit page's filtered views.
export { toCsvCell, toCsvLine } from './csv-cells';
export type { CsvValue } from './csv-cells';
export { EXPORT_BATCH_SIZE, streamAuditRows } from './export-stream';
export type { ExportEnd, ExportFormat } from './export-stream';
export { ATTEMPTS_VIEW, EVENTS_VIEW, parseAuditView } from './export-views';
export type { AuditView, ExportView } from './export-views';
export { serializeAttempt, serializeAuditEvent } from './serialize';
export type { AuditEventJson, DisconnectAttemptJson } from './serialize';
export { scopeAuditFilter, startAuditExport } from './start-audit-export';
export type { AuditExport, AuditExportError } from './start-audit-export';
