import type { AnyActor } from '../auth/actor';

/** The outcome vocabulary of a disconnect, the same everywhere: UI, API, audit, CLI. */
export const DISCONNECT_OUTCOMES = ['confirmed', 'accepted', 'already-ended', 'failed', 'unknown'] as const;
export type DisconnectOutcome = (typeof DISCONNECT_OUTCOMES)[number];

export const DISCONNECT_OUTCOME_LABELS: Record<DisconnectOutcome, string> = {
  confirmed: 'Confirmed — the UM service reports the call disconnected',
  accepted: 'Accepted — the UM service took the hang-up, but the call still showed as up when checking stopped',
  'already-ended': 'Already ended — the call was over before the hang-up was sent',
  failed: 'Failed — the UM service refused or could not take the hang-up',
  unknown: 'Unknown — no answer from the UM service; the call may still be up',
};

/** Outcomes of other audited actions. */
export type GeneralOutcome = 'success' | 'failure' | 'denied' | 'throttled';
export type AuditOutcome = DisconnectOutcome | GeneralOutcome;

export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_out',
  'auth.bootstrap_admin',
  'call.track',
  'call.place_test',
  'disconnect.requested',
  'disconnect.completed',
  'disconnect.denied',
  'user.create',
  'user.set_role',
  'user.disable',
  'token.create',
  'token.revoke',
  'audit.export',
  'audit.checkpoint',
  'audit.pruned',
  'settings.stuck_rules',
  'settings.audit_retention',
  'batch.start',
  'batch.pause',
  'batch.resume',
  'batch.cancel',
  'batch.finish',
  'batch.interrupt',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEventInput {
  readonly action: AuditAction;
  readonly actor: AnyActor;
  readonly targetCallId?: string | null;
  readonly reason?: string | null;
  readonly outcome?: AuditOutcome | null;
  readonly faultCode?: string | null;
  readonly faultText?: string | null;
  readonly umLatencyMs?: number | null;
  readonly endLatencyMs?: number | null;
  /** Links disconnect.requested with its disconnect.completed. */
  readonly attemptId?: string | null;
  readonly batchId?: string | null;
  /** Anything else worth keeping, stored as JSON. */
  readonly details?: Readonly<Record<string, unknown>> | null;
}

/** A stored audit row, as the app reads it. */
export interface AuditEvent {
  readonly seq: number;
  readonly at: Date;
  readonly actorId: string | null;
  readonly actorEmail: string | null;
  readonly actorRole: string | null;
  readonly authMethod: string;
  readonly sourceIp: string | null;
  readonly userAgent: string | null;
  readonly action: AuditAction;
  readonly targetCallId: string | null;
  readonly reason: string | null;
  readonly outcome: AuditOutcome | null;
  readonly faultCode: string | null;
  readonly faultText: string | null;
  readonly umLatencyMs: number | null;
  readonly endLatencyMs: number | null;
  readonly attemptId: string | null;
  readonly batchId: string | null;
  readonly details: Readonly<Record<string, unknown>> | null;
}
