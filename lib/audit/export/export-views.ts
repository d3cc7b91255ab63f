import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuditFilter } from '../audit-filter';
import { listAuditEvents, type AuditEventWithLabel } from '../list-audit-events';
import { listDisconnectAttempts, type DisconnectAttempt } from '../list-disconnect-attempts';
import type { CsvValue } from './csv-cells';
import { serializeAttempt, serializeAuditEvent } from './serialize';

/** The audit page's two tabs: disconnect attempts (its default) and every event. */
export type AuditView = 'disconnects' | 'events';

export function parseAuditView(value: unknown): AuditView {
  return value === 'events' ? 'events' : 'disconnects';
}

/** How one view is read in keyset batches and written as CSV and JSON. */
export interface ExportView<T> {
  readonly header: readonly string[];
  /** The same query, in the same order, as the page and the API list. */
  fetch(db: Kysely<Database>, filter: AuditFilter, cursor: number | undefined, limit: number): Promise<{ items: readonly T[]; nextCursor: number | null }>;
  toCells(row: T): readonly CsvValue[];
  toJson(row: T): unknown;
}

const iso = (date: Date | undefined) => (date ? date.toISOString() : null);
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export const EVENTS_VIEW: ExportView<AuditEventWithLabel> = {
  header: [
    'seq', 'at', 'action', 'outcome', 'actor_id', 'actor_email', 'actor_role', 'auth_method', 'source_ip', 'user_agent',
    'target_call_id', 'call_label', 'reason', 'fault_code', 'fault_text', 'um_latency_ms', 'end_latency_ms',
    'attempt_id', 'batch_id', 'details',
  ],
  fetch: (db, filter, cursor, limit) => listAuditEvents(db, filter, cursor === undefined ? { limit } : { cursor, limit }),
  toCells: (e) => [
    e.seq, iso(e.at), e.action, e.outcome, e.actorId, e.actorEmail, e.actorRole, e.authMethod, e.sourceIp, e.userAgent,
    e.targetCallId, e.callLabel, e.reason, e.faultCode, e.faultText, e.umLatencyMs, e.endLatencyMs,
    e.attemptId, e.batchId, json(e.details),
  ],
  toJson: serializeAuditEvent,
};

export const ATTEMPTS_VIEW: ExportView<DisconnectAttempt> = {
  header: [
    'seq', 'attempt_id', 'status', 'outcome', 'requested_at', 'completed_at', 'actor_id', 'actor_email', 'actor_role',
    'auth_method', 'source_ip', 'target_call_id', 'call_label', 'reason', 'fault_code', 'fault_text', 'um_latency_ms',
    'end_latency_ms', 'batch_id', 'completed_seq',
  ],
  fetch: (db, filter, cursor, limit) => listDisconnectAttempts(db, filter, cursor === undefined ? { limit } : { cursor, limit }),
  toCells: (a) => {
    const r = a.requested;
    const c = a.completed;
    return [
      a.seq, a.attemptId, a.status, a.outcome, iso(r.at), iso(c?.at), r.actorId, r.actorEmail, r.actorRole,
      r.authMethod, r.sourceIp, r.targetCallId, a.callLabel, r.reason, c?.faultCode ?? null, c?.faultText ?? null,
      c?.umLatencyMs ?? null, c?.endLatencyMs ?? null, r.batchId, c?.seq ?? null,
    ];
  },
  toJson: serializeAttempt,
};
