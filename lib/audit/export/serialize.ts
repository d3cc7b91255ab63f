import type { AuditEventWithLabel } from '../list-audit-events';
import type { DisconnectAttempt } from '../list-disconnect-attempts';
import type { AuditEvent } from '../types';

/** An audit event as JSON carries it: times in ISO 8601 UTC, every stored field. */
export interface AuditEventJson {
  readonly seq: number;
  readonly at: string;
  readonly actorId: string | null;
  readonly actorEmail: string | null;
  readonly actorRole: string | null;
  readonly authMethod: string;
  readonly sourceIp: string | null;
  readonly userAgent: string | null;
  readonly action: string;
  readonly targetCallId: string | null;
  readonly callLabel?: string | null;
  readonly reason: string | null;
  readonly outcome: string | null;
  readonly faultCode: string | null;
  readonly faultText: string | null;
  readonly umLatencyMs: number | null;
  readonly endLatencyMs: number | null;
  readonly attemptId: string | null;
  readonly batchId: string | null;
  readonly details: Readonly<Record<string, unknown>> | null;
}

export interface DisconnectAttemptJson {
  readonly attemptId: string;
  readonly seq: number;
  readonly status: DisconnectAttempt['status'];
  readonly outcome: string | null;
  readonly callLabel: string | null;
  readonly requested: AuditEventJson;
  readonly completed: AuditEventJson | null;
}

export function serializeAuditEvent(event: AuditEvent | AuditEventWithLabel): AuditEventJson {
  return { ...event, at: event.at.toISOString() };
}

export function serializeAttempt(attempt: DisconnectAttempt): DisconnectAttemptJson {
  return {
    attemptId: attempt.attemptId,
    seq: attempt.seq,
    status: attempt.status,
    outcome: attempt.outcome,
    callLabel: attempt.callLabel,
    requested: serializeAuditEvent(attempt.requested),
    completed: attempt.completed ? serializeAuditEvent(attempt.completed) : null,
  };
}
