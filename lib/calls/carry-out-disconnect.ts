import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { DisconnectOutcome } from '../audit/types';
import type { Database } from '../db/schema';
import { isUmError } from '../um';
import { recordOutcome, type BulkItem, type RecordedOutcome } from './attempt-records';
import { applyCheckResult, checkCall, type CheckResult } from './check-call';
import { classifyDisconnectError } from './classify-disconnect-error';
import { clockOf, type DisconnectDeps } from './deps';
import { DISCONNECT_MESSAGES as say } from './disconnect-messages';
import { describeRecentObservation, findRecentObservation } from './recent-observation';
import type { CallRow, DisconnectResult } from './types';
import { verifyDisconnect } from './verify-disconnect';

export interface Attempt {
  readonly attemptId: string;
  /** seq of the stored disconnect.requested. */
  readonly requestedSeq: number;
  readonly actor: Actor;
  readonly call: CallRow;
  readonly reason: string;
  readonly batchId: string | null;
  /** Set for a call of a bulk run: its pre-check age and its item's writes. */
  readonly bulk: BulkItem | null;
}

interface Settled {
  readonly outcome: DisconnectOutcome;
  readonly message: string;
  readonly faultCode: string | null;
  readonly faultText: string | null;
  readonly umLatencyMs: number | null;
  readonly endLatencyMs: number | null;
  /** When the service answered the Disconnect; null when it did not take one. */
  readonly acceptedAt: number | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface CarriedOut {
  readonly result: DisconnectResult;
  /** True when the call's lock went with the outcome's commit; otherwise the caller releases it. */
  readonly lockReleased: boolean;
}

/**
 * Steps 5–7 of a disconnect whose request is on record: check the call is still up, send
 * Disconnect once, verify the end, and record the outcome linked to the request.
 */
export async function carryOutDisconnect(deps: DisconnectDeps, attempt: Attempt): Promise<CarriedOut> {
  const settled = await settle(deps, attempt);
  const recorded: DisconnectResult = {
    attemptId: attempt.attemptId,
    auditSeq: attempt.requestedSeq,
    outcome: settled.outcome,
    message: settled.message,
    faultCode: settled.faultCode,
    umLatencyMs: settled.umLatencyMs,
    endLatencyMs: settled.endLatencyMs,
  };
  const { note, lockReleased } = await recordCompletion(deps, attempt, settled, recorded);
  const result = note ? { ...recorded, message: `${recorded.message} ${note}` } : recorded;
  // The outcome's commit carried the bulk item's result; when it failed, the item gets it on its own.
  if (attempt.bulk && !lockReleased) {
    await attempt.bulk.finish(deps.db, result).catch((error: unknown) => console.error(`The bulk item of attempt ${attempt.attemptId} could not be updated:`, error));
  }
  return { result, lockReleased };
}

async function settle(deps: DisconnectDeps, attempt: Attempt): Promise<Settled> {
  const { call } = attempt;
  const precheckMaxAgeMs = attempt.bulk?.precheckMaxAgeMs ?? 0;
  const nothingSent = { faultCode: null, faultText: null, umLatencyMs: null, endLatencyMs: null, acceptedAt: null };
  if (call.ended) {
    return { ...nothingSent, outcome: 'already-ended', message: say.alreadyEnded('row-ended'), details: { precheck: 'row-ended' } };
  }
  const recent = await findRecentObservation(deps.db, call.callId, clockOf(deps)(), precheckMaxAgeMs);
  if (recent) {
    // The details say which sighting stood in for the pre-check, so an auditor can tell it from a fresh one.
    const seen = describeRecentObservation(recent, precheckMaxAgeMs);
    if (recent.kind === 'ended') return { ...nothingSent, outcome: 'already-ended', message: say.alreadyEnded(recent.how), details: { precheck: seen } };
    return sendAndVerify(deps, call.callId, seen);
  }
  const precheck = await checkCall(deps, call.callId, 'precheck');
  const before = describeCheck(precheck);
  if (precheck.kind === 'gone' || (precheck.kind === 'info' && precheck.info.state === 'Disconnected')) {
    const how = precheck.kind === 'gone' ? 'gone' : 'disconnected';
    return { ...nothingSent, outcome: 'already-ended', message: say.alreadyEnded(how), details: { precheck: before } };
  }
  return sendAndVerify(deps, call.callId, before);
}

async function sendAndVerify(deps: DisconnectDeps, callId: string, precheck: unknown): Promise<Settled> {
  const clock = clockOf(deps);
  const sentAt = clock();
  try {
    await deps.um.disconnect(callId);
  } catch (error) {
    const umLatencyMs = clock() - sentAt;
    if (!isUmError(error)) console.error('Disconnect failed unexpectedly:', error);
    const failure = classifyDisconnectError(error);
    if (failure.outcome === 'already-ended') await applyCheckResult(deps.db, callId, { kind: 'gone', at: clock() }, 'verify');
    const { requestSent, ...rest } = failure;
    return { ...rest, umLatencyMs, endLatencyMs: null, acceptedAt: null, details: { precheck, requestSent } };
  }
  const answeredAt = clock();
  const umLatencyMs = answeredAt - sentAt;
  if (deps.verifyTimeoutMs === 0) {
    // Verification is turned off (DISCONNECT_VERIFY_TIMEOUT_MS=0): the service took it, nothing more is known.
    return {
      outcome: 'accepted',
      message: say.acceptedUnverified(),
      faultCode: null,
      faultText: null,
      umLatencyMs,
      endLatencyMs: null,
      acceptedAt: answeredAt,
      details: { precheck, verification: 'off' },
    };
  }
  const verification = await verifyDisconnect(deps, callId, answeredAt);
  const base = { faultCode: null, faultText: null, umLatencyMs, acceptedAt: answeredAt, details: { precheck, verification } };
  if (verification.kind === 'ended') {
    const endLatencyMs = verification.at - sentAt;
    return { ...base, outcome: 'confirmed', endLatencyMs, message: say.confirmed(endLatencyMs) };
  }
  return {
    ...base,
    outcome: 'accepted',
    endLatencyMs: null,
    message: say.accepted(verification.lastState, deps.verifyTimeoutMs),
  };
}

/** Stores the outcome on the call's row and as disconnect.completed, linked to the request (see recordOutcome). */
function recordCompletion(deps: DisconnectDeps, attempt: Attempt, settled: Settled, result: DisconnectResult): Promise<RecordedOutcome> {
  const clock = clockOf(deps);
  const last = { attemptId: attempt.attemptId, outcome: settled.outcome, at: clock(), acceptedAt: settled.acceptedAt };
  const completion = {
    action: 'disconnect.completed',
    actor: attempt.actor,
    targetCallId: attempt.call.callId,
    reason: attempt.reason,
    outcome: settled.outcome,
    faultCode: settled.faultCode,
    faultText: settled.faultText,
    umLatencyMs: settled.umLatencyMs,
    endLatencyMs: settled.endLatencyMs,
    attemptId: attempt.attemptId,
    batchId: attempt.batchId,
    details: settled.details,
  } as const;
  const { bulk } = attempt;
  const finishItem = bulk ? (trx: Kysely<Database>) => bulk.finish(trx, result) : undefined;
  return recordOutcome(deps.db, { callId: attempt.call.callId, attemptId: attempt.attemptId }, last, completion, clock, finishItem);
}

/** A check's result as the audit details keep it. */
export function describeCheck(result: CheckResult): Readonly<Record<string, unknown>> {
  switch (result.kind) {
    case 'info':
      return { state: result.info.rawState, cause: result.info.rawCause };
    case 'gone':
      return { gone: true, fault: 'InvalidCallIdException' };
    case 'error':
      return { error: result.errorKind, message: result.message };
  }
}
