import type { Tone } from '@/components/ui/status-tag';
import type { AuditAction, AuditOutcome } from '@/lib/audit/types';
import { isRole, ROLE_LABELS } from '@/lib/auth/roles';
import { OUTCOME_WORDS } from '@/lib/calls/disconnect-messages';

// The audit log's vocabulary in words. Records, so a new action or outcome cannot go unlabelled.

export const ACTION_WORDS: Record<AuditAction, string> = {
  'auth.sign_in': 'Sign-in',
  'auth.sign_out': 'Sign-out',
  'auth.bootstrap_admin': 'First administrator created',
  'call.track': 'Call tracked',
  'call.place_test': 'Test call placed',
  'disconnect.requested': 'Disconnect requested',
  'disconnect.completed': 'Disconnect completed',
  'disconnect.denied': 'Disconnect refused',
  'user.create': 'User created',
  'user.set_role': 'Role changed',
  'user.disable': 'User disabled',
  'token.create': 'API token created',
  'token.revoke': 'API token revoked',
  'audit.export': 'Audit log exported',
  'audit.checkpoint': 'Audit checkpoint signed on request',
  'audit.pruned': 'Old audit entries removed (retention)',
  'settings.stuck_rules': 'Stuck-call rules changed',
  'settings.audit_retention': 'Audit retention changed',
  'batch.start': 'Bulk disconnect started',
  'batch.pause': 'Bulk disconnect paused',
  'batch.resume': 'Bulk disconnect resumed',
  'batch.cancel': 'Bulk disconnect cancelled',
  'batch.finish': 'Bulk disconnect finished',
  'batch.interrupt': 'Bulk disconnect interrupted by a restart',
};

export const AUDIT_OUTCOME_WORDS: Record<AuditOutcome, string> = {
  ...OUTCOME_WORDS,
  success: 'Success',
  failure: 'Failure',
  denied: 'Denied',
  throttled: 'Throttled',
};

export const AUDIT_OUTCOME_TONES: Record<AuditOutcome, Tone> = {
  confirmed: 'ok',
  accepted: 'warning',
  'already-ended': 'neutral',
  failed: 'problem',
  unknown: 'warning',
  success: 'ok',
  failure: 'problem',
  denied: 'problem',
  throttled: 'warning',
};

interface ActorFields {
  readonly actorId: string | null;
  readonly actorEmail: string | null;
  readonly actorRole: string | null;
  readonly authMethod: string;
}

/** Who acted, as one line: an email, "The console itself", or an unidentified caller. */
export function describeActor(event: ActorFields): string {
  if (event.authMethod === 'system') return 'The console itself';
  if (event.actorId === null) return event.actorEmail ? `${event.actorEmail} (not signed in)` : 'Someone not signed in';
  return event.actorEmail ?? event.actorId;
}

/** The role as it was at the time, in words; raw text for a role the console no longer knows. */
export function describeRole(role: string | null): string | null {
  if (role === null) return null;
  return isRole(role) ? ROLE_LABELS[role] : role;
}
