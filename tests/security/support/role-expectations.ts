// Who may run what, as the wrong-role tests check it: the role each server action and each
// operator API call needs, and the audit action its refusal is recorded under.
import type { Role } from '../../../lib/auth/roles';

export interface ActionExpectation {
  /** The lowest role allowed; 'signed-in' for actions every signed-in person may use. */
  readonly needs: 'operator' | 'admin' | 'signed-in';
  /** The audit action of a refusal, for each argument set sampleArguments gives (in order). */
  readonly deniedAs: readonly string[];
}

/** Every server action of the build must be listed here; a new one fails the suite until it is. */
export const ACTION_EXPECTATIONS: Readonly<Record<string, ActionExpectation>> = {
  disconnectCallAction: { needs: 'operator', deniedAs: ['disconnect.denied'] },
  trackCallAction: { needs: 'operator', deniedAs: ['call.track'] },
  placeTestCallAction: { needs: 'operator', deniedAs: ['call.place_test'] },
  previewBatchAction: { needs: 'operator', deniedAs: ['batch.start'] },
  startBatchAction: { needs: 'operator', deniedAs: ['batch.start'] },
  controlBatchAction: { needs: 'operator', deniedAs: ['batch.cancel', 'batch.resume'] },
  saveStuckRulesAction: { needs: 'admin', deniedAs: ['settings.stuck_rules'] },
  createTokenAction: { needs: 'admin', deniedAs: ['token.create'] },
  revokeTokenAction: { needs: 'admin', deniedAs: ['token.revoke'] },
  createCheckpointAction: { needs: 'admin', deniedAs: ['audit.checkpoint'] },
  saveAuditRetentionAction: { needs: 'admin', deniedAs: ['settings.audit_retention'] },
  changePasswordAction: { needs: 'signed-in', deniedAs: [] },
};

/** The signed-in roles below what an action needs. */
export function rolesBelow(needs: ActionExpectation['needs']): Role[] {
  if (needs === 'admin') return ['viewer', 'auditor', 'operator'];
  if (needs === 'operator') return ['viewer', 'auditor'];
  return [];
}

export interface OperatorRoute {
  /** As the OpenAPI document names it, relative to /api/v1. */
  readonly operation: string;
  readonly path: (values: { callId: string; batchId: string }) => string;
  readonly body?: (values: { callId: string }) => unknown;
  readonly deniedAs: string;
}

/** Every POST of the API; each refusal of a caller below operator is audited. */
export const OPERATOR_ROUTES: readonly OperatorRoute[] = [
  {
    operation: 'POST /calls',
    path: () => '/api/v1/calls',
    body: ({ callId }) => ({ callId, label: 'Security suite' }),
    deniedAs: 'call.track',
  },
  {
    operation: 'POST /calls/{callId}/disconnect',
    path: ({ callId }) => `/api/v1/calls/${encodeURIComponent(callId)}/disconnect`,
    body: () => ({ reason: 'Security suite: should be refused' }),
    deniedAs: 'disconnect.denied',
  },
  {
    operation: 'POST /calls/disconnect',
    path: () => '/api/v1/calls/disconnect',
    body: ({ callId }) => ({ callIds: [callId], reason: 'Security suite: should be refused' }),
    deniedAs: 'batch.start',
  },
  {
    operation: 'POST /batches/{batchId}/cancel',
    path: ({ batchId }) => `/api/v1/batches/${batchId}/cancel`,
    deniedAs: 'batch.cancel',
  },
];
