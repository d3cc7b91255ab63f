// Streaming CSV and NDJSON exports of the audit page's filtered views, their signed manifests,
// and the offline check of a file against its manifest.
export { buildAuditExportManifest } from './build-export-manifest';
export type { AuditExportManifest, ManifestOptions } from './build-export-manifest';
export { toCsvCell, toCsvLine } from './csv-cells';
export type { CsvValue } from './csv-cells';
export { canonicalManifestText, EXPORT_MANIFEST_VERSION, exportManifestSchema, signManifest } from './export-manifest';
export type { ExportManifest, UnsignedExportManifest } from './export-manifest';
export { EXPORT_BATCH_SIZE, streamAuditRows } from './export-stream';
export type { ExportEnd, ExportFormat } from './export-stream';
export { ATTEMPTS_VIEW, EVENTS_VIEW, parseAuditView } from './export-views';
export type { AuditView, ExportView } from './export-views';
export { pinAuditExport, readAuditHeadSeq } from './pin-export';
export type { ChainHeadAt, ExportPin } from './pin-export';
export { exportFilename, readExportRequest, scopeAuditFilter } from './read-export-request';
export type { AuditExportError, ExportRequest } from './read-export-request';
export { serializeAttempt, serializeAuditEvent } from './serialize';
export type { AuditEventJson, DisconnectAttemptJson } from './serialize';
export { startAuditExport } from './start-audit-export';
export type { AuditExport } from './start-audit-export';
export { verifyExport } from './verify-export';
export type { ExportMismatch, VerifiedExport } from './verify-export';
