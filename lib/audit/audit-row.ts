import type { Selectable } from 'kysely';
import type { AnyActor } from '../auth/actor';
import type { AuditEventsTable } from '../db/schema';
import type { AuditAction, AuditEvent, AuditOutcome } from './types';

type ActorColumns = Pick<
  AuditEventsTable,
  'actor_id' | 'actor_email' | 'actor_role' | 'auth_method' | 'source_ip' | 'user_agent'
>;

/** The actor as the row keeps it: who they were at that moment, not who they are later. */
export function actorColumns(actor: AnyActor): ActorColumns {
  switch (actor.kind) {
    case 'user':
      return {
        actor_id: actor.id,
        actor_email: actor.email,
        actor_role: actor.role,
        auth_method: actor.authMethod,
        source_ip: actor.sourceIp,
        user_agent: actor.userAgent,
      };
    case 'anonymous':
      return {
        actor_id: null,
        actor_email: actor.claimedEmail,
        actor_role: null,
        auth_method: actor.authMethod,
        source_ip: actor.sourceIp,
        user_agent: actor.userAgent,
      };
    case 'system':
      return { actor_id: null, actor_email: null, actor_role: null, auth_method: 'system', source_ip: null, user_agent: null };
  }
}

/** The columns an AuditEvent is made of: all but the chain's hashes, which only verification reads. */
export const AUDIT_EVENT_COLUMNS = [
  'seq', 'at', 'actor_id', 'actor_email', 'actor_role', 'auth_method', 'source_ip', 'user_agent', 'action',
  'target_call_id', 'reason', 'outcome', 'fault_code', 'fault_text', 'um_latency_ms', 'end_latency_ms',
  'attempt_id', 'batch_id', 'details',
] as const satisfies readonly (keyof AuditEventsTable)[];

export type AuditEventRow = Pick<Selectable<AuditEventsTable>, (typeof AUDIT_EVENT_COLUMNS)[number]>;

/** A stored row as the app reads it. */
export function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    seq: Number(row.seq),
    at: new Date(Number(row.at)),
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    actorRole: row.actor_role,
    authMethod: row.auth_method,
    sourceIp: row.source_ip,
    userAgent: row.user_agent,
    action: row.action as AuditAction,
    targetCallId: row.target_call_id,
    reason: row.reason,
    outcome: row.outcome as AuditOutcome | null,
    faultCode: row.fault_code,
    faultText: row.fault_text,
    umLatencyMs: row.um_latency_ms === null ? null : Number(row.um_latency_ms),
    endLatencyMs: row.end_latency_ms === null ? null : Number(row.end_latency_ms),
    attemptId: row.attempt_id,
    batchId: row.batch_id,
    details: parseDetails(row.details),
  };
}

function parseDetails(text: string | null): Readonly<Record<string, unknown>> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    // Rows are never rewritten; an unreadable value is shown as it was stored rather than hidden.
    return { unreadable: text };
  }
}
