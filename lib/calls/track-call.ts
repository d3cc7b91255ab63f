import type { Actor, SystemActor } from '../auth/actor';
import { appendAuditEvent } from '../audit/append-audit-event';
import { fail, ok, type Result } from '../result';
import { checkCallId, decodeCallId } from '../um';
import { checkCall } from './check-call';
import { clockOf, type CallsDeps } from './deps';
import { checkLabel, normalizeCallId } from './input-checks';
import { getCallRow } from './list-calls';
import { describeRefusal, mayOperate } from './may-operate';
import type { CallRow, CallSource } from './types';

export type TrackCallErrorCode = 'invalid-input' | 'forbidden';

export interface TrackedCall {
  readonly call: CallRow;
  readonly alreadyTracked: boolean;
  /** Something worth telling the person, e.g. that the call was tracked already. */
  readonly note: string | null;
}

export interface TrackCallInput {
  readonly callId: string;
  readonly label?: string | null | undefined;
}

/**
 * Adds a CallId to the registry (the UM service cannot list calls, so the console keeps its own),
 * audits it, and checks its state once so the board has something to show straight away.
 */
export async function trackCall(
  deps: CallsDeps,
  actor: Actor | SystemActor,
  input: TrackCallInput,
  via: CallSource,
): Promise<Result<TrackedCall, TrackCallErrorCode>> {
  const clock = clockOf(deps);
  if (!mayOperate(actor)) {
    await appendAuditEvent(deps.db, { action: 'call.track', actor, outcome: 'denied', details: { via } }, clock);
    return fail('forbidden', describeRefusal(actor, 'track calls'));
  }
  const callId = normalizeCallId(input.callId);
  const callIdProblem = checkCallId(callId);
  const label = checkLabel(input.label);
  if (callIdProblem !== undefined || !label.ok) {
    return fail('invalid-input', 'The call could not be tracked; check the fields marked.', {
      ...(callIdProblem !== undefined ? { callId: callIdProblem } : {}),
      ...(!label.ok ? { label: label.problem } : {}),
    });
  }
  const id = callId as string;
  const inserted = await deps.db
    .insertInto('calls')
    .values({
      call_id: id,
      label: label.value,
      server: decodeCallId(id)?.server ?? null,
      added_by_id: actor.kind === 'user' ? actor.id : null,
      added_by_email: actor.kind === 'user' ? actor.email : null,
      added_via: via,
      added_at: clock(),
      consecutive_failures: 0,
    })
    .onConflict((conflict) => conflict.column('call_id').doNothing())
    .executeTakeFirst();
  const alreadyTracked = Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0;
  await appendAuditEvent(
    deps.db,
    { action: 'call.track', actor, targetCallId: id, outcome: 'success', details: { via, label: label.value, alreadyTracked } },
    clock,
  );
  if (!alreadyTracked) await checkCall(deps, id, 'track');
  const call = await getCallRow(deps.db, id);
  if (!call) throw new Error('A call just tracked is missing from the registry');
  const note = alreadyTracked
    ? `This call was already tracked (since ${new Date(call.addedAt).toISOString()}); nothing was changed.`
    : null;
  return ok({ call, alreadyTracked, note });
}
