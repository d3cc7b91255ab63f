// The append-only audit log: one way in (appendAuditEvent), and the queries the audit page and API read.
export { appendAuditEvent } from './append-audit-event';
export type { Clock } from './append-audit-event';
export { inAuditTransaction } from './audit-transaction';
export {
  AUDIT_OUTCOMES,
  DEFAULT_AUDIT_PAGE_SIZE,
  MAX_AUDIT_PAGE_SIZE,
  auditFilterSchema,
  parseAuditFilter,
  parseAuditPage,
} from './audit-filter';
export type { AuditFilter, AuditPage } from './audit-filter';
export { getAuditEvent, listAuditEvents } from './list-audit-events';
export type { AuditEventWithLabel, AuditListPage } from './list-audit-events';
export { getAttempt, listDisconnectAttempts } from './list-disconnect-attempts';
export type { AttemptStatus, DisconnectAttempt } from './list-disconnect-attempts';
export { withCursor } from './search-params';
export type { SearchParamsInput } from './search-params';
export * from './types';
