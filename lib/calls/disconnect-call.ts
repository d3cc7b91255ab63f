import { randomUUID } from 'node:crypto';
import type { Actor, AnonymousActor } from '../auth/actor';
import { appendAuditEvent } from '../audit/append-audit-event';
import type { AuditEvent } from '../audit/types';
import { fail, ok, type Result } from '../result';
import { checkCallId } from '../um';
import { carryOutDisconnect } from './carry-out-disconnect';
import { clockOf, type DisconnectDeps } from './deps';
import { openAttempt, type BulkItem } from './attempt-records';
import { claimInProcess, describeRunningDisconnect, releaseCallLock, releaseInProcess } from './disconnect-lock';
import { checkReason, MAX_REASON_LENGTH, normalizeCallId } from './input-checks';
import { getCallRow } from './list-calls';
import { describeRefusal, mayOperate } from './may-operate';
import type { DisconnectErrorCode, DisconnectResult } from './types';

export interface DisconnectInput {
  readonly callId: string;
  readonly reason: string;
  /** Set by a bulk run, so its attempts can be found together. */
  readonly batchId?: string | null;
}

const NOT_WANTED = 'Not sent: the bulk disconnect was cancelled or paused before this call’s turn.';

const AUDIT_UNAVAILABLE =
  'Nothing was sent: the request could not be written to the audit log, and a disconnect is only sent once it is on record. ' +
  'Try again; if this keeps happening, the server log has the details.';

/**
 * Ends a tracked call, following design.md's flow: authorise, validate, lock the call, put the
 * request on record, send Disconnect once, verify, and record the outcome. Nothing reaches the UM
 * service unless every earlier step succeeded.
 */
export async function disconnectCall(
  deps: DisconnectDeps,
  actor: Actor | AnonymousActor,
  input: DisconnectInput,
  /** Bulk runs only: how recent a sighting may stand in for the pre-check, and the item's writes (see BulkItem). */
  bulk?: BulkItem,
): Promise<Result<DisconnectResult, DisconnectErrorCode>> {
  const clock = clockOf(deps);
  const { db } = deps;
  if (actor.kind !== 'user' || !mayOperate(actor)) return recordDeniedDisconnect(deps, actor, input);

  const callId = normalizeCallId(input.callId);
  const callIdProblem = checkCallId(callId);
  const reason = checkReason(input.reason);
  if (callIdProblem !== undefined || !reason.ok) {
    return fail('invalid-input', 'Nothing was sent; check the fields marked.', {
      ...(callIdProblem !== undefined ? { callId: callIdProblem } : {}),
      ...(!reason.ok ? { reason: reason.problem } : {}),
    });
  }
  const call = await getCallRow(db, callId as string);
  if (!call) return fail('not-found', 'This call is not on the call board. Track it first, then disconnect it.');

  const attemptId = randomUUID();
  const startedAt = clock();
  if (!claimInProcess(db, call.callId, { attemptId, startedAt, actorEmail: actor.email })) {
    return fail('in-progress', await describeRunningDisconnect(db, call.callId));
  }
  try {
    let requested: AuditEvent | 'locked' | 'not-wanted';
    try {
      // The lock and the request on record in one commit: nothing is sent unless both are on disk.
      requested = await openAttempt(
        db,
        { callId: call.callId, attemptId, instanceId: deps.instanceId ?? null },
        startedAt,
        {
          action: 'disconnect.requested',
          actor,
          targetCallId: call.callId,
          reason: reason.value,
          attemptId,
          batchId: input.batchId ?? null,
          details: {
            label: call.label,
            server: call.server,
            stateBefore: call.state,
            endedBefore: call.ended,
            // Which console instance sends it: recovery elsewhere leaves it alone while that one lives.
            ...(deps.instanceId ? { instance: deps.instanceId } : {}),
          },
        },
        clock,
        bulk,
      );
    } catch (error) {
      console.error(`Disconnect attempt ${attemptId} was not sent: its request could not be audited:`, error);
      return fail('audit-unavailable', AUDIT_UNAVAILABLE);
    }
    if (requested === 'not-wanted') return fail('not-wanted', NOT_WANTED);
    if (requested === 'locked') {
      releaseInProcess(db, call.callId, attemptId);
      return fail('in-progress', await describeRunningDisconnect(db, call.callId));
    }
    let lockReleased = false;
    try {
      const carried = await carryOutDisconnect(deps, {
        attemptId,
        requestedSeq: requested.seq,
        actor,
        call,
        reason: reason.value,
        batchId: input.batchId ?? null,
        bulk: bulk ?? null,
      });
      lockReleased = carried.lockReleased;
      return ok(carried.result);
    } finally {
      // Normally the lock went with the outcome's commit; this covers every other way out.
      if (!lockReleased) await releaseCallLock(db, call.callId, attemptId);
    }
  } finally {
    releaseInProcess(db, call.callId, attemptId);
  }
}

/**
 * Step 1's refusal: on record as disconnect.denied, and nothing is sent. Also for callers whose own
 * role check refused the actor first (server actions, route handlers).
 */
export async function recordDeniedDisconnect(
  deps: DisconnectDeps,
  actor: Actor | AnonymousActor,
  input: DisconnectInput,
): Promise<Result<DisconnectResult, DisconnectErrorCode>> {
  const callId = normalizeCallId(input.callId);
  const reason = checkReason(input.reason);
  try {
    await appendAuditEvent(
      deps.db,
      {
        action: 'disconnect.denied',
        actor,
        outcome: 'denied',
        attemptId: randomUUID(),
        targetCallId: checkCallId(callId) === undefined ? (callId as string) : null,
        reason: reason.ok ? reason.value : typeof input.reason === 'string' ? input.reason.slice(0, MAX_REASON_LENGTH) : null,
        batchId: input.batchId ?? null,
        details: { refusal: actor.kind === 'user' ? 'role' : 'not-signed-in' },
      },
      clockOf(deps),
    );
  } catch (error) {
    // The refusal stands either way; only its record is missing, which the server log reports.
    console.error('A refused disconnect could not be audited:', error);
  }
  return actor.kind === 'user'
    ? fail('forbidden', describeRefusal(actor, 'disconnect calls'))
    : fail('unauthenticated', describeRefusal(actor, 'disconnect calls'));
}
