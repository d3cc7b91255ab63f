import type { Actor } from '../auth/actor';
import { appendAuditEvent } from '../audit/append-audit-event';
import { fail, ok, type Result } from '../result';
import { checkDialString, checkEntryId, isUmError, UmFault } from '../um';
import { clockOf, type CallsDeps } from './deps';
import { checkLabel } from './input-checks';
import { describeRefusal, mayOperate } from './may-operate';
import { trackCall, type TrackedCall } from './track-call';

export type PlaceTestCallErrorCode = 'invalid-input' | 'forbidden' | 'um-error';

export interface PlaceTestCallInput {
  readonly entryId: string;
  readonly dialString: string;
  readonly label?: string | null | undefined;
}

/** Faults that are about one field: shown under it rather than as a general failure. */
const FIELD_FAULTS: Readonly<Record<string, readonly [field: string, message: string]>> = {
  DialingRulesException: ['dialString', "The UM server's dialing rules do not allow this number."],
  InvalidObjectIdException: ['entryId', 'The UM service does not know this entry ID.'],
};

/** Places a call with PlayOnPhone and tracks the CallId it returns, so an operator can try the console end to end. */
export async function placeTestCall(
  deps: CallsDeps,
  actor: Actor,
  input: PlaceTestCallInput,
): Promise<Result<TrackedCall, PlaceTestCallErrorCode>> {
  const clock = clockOf(deps);
  if (!mayOperate(actor)) {
    await appendAuditEvent(deps.db, { action: 'call.place_test', actor, outcome: 'denied' }, clock);
    return fail('forbidden', describeRefusal(actor, 'place test calls'));
  }
  const entryId = typeof input.entryId === 'string' ? input.entryId.trim() : input.entryId;
  const problems = {
    entryId: checkEntryId(entryId),
    dialString: checkDialString(input.dialString),
    label: ((label) => (label.ok ? undefined : label.problem))(checkLabel(input.label)),
  };
  const fieldErrors = Object.fromEntries(Object.entries(problems).filter((entry): entry is [string, string] => !!entry[1]));
  if (Object.keys(fieldErrors).length > 0) {
    return fail('invalid-input', 'The test call was not placed; check the fields marked.', fieldErrors);
  }
  const dialString = input.dialString.trim();

  let callId: string;
  try {
    callId = await deps.um.playOnPhone(entryId, dialString);
  } catch (error) {
    const fault = error instanceof UmFault ? error : undefined;
    await appendAuditEvent(
      deps.db,
      {
        action: 'call.place_test',
        actor,
        outcome: 'failure',
        faultCode: fault?.code ?? (isUmError(error) ? error.kind : 'unexpected'),
        faultText: fault?.faultString ?? (isUmError(error) ? error.message : null),
        details: { dialString },
      },
      clock,
    );
    if (!isUmError(error)) throw error;
    const fieldFault = fault ? FIELD_FAULTS[fault.code] : undefined;
    if (fieldFault) return fail('um-error', `The test call was not placed. ${fieldFault[1]}`, { [fieldFault[0]]: fieldFault[1] });
    return fail('um-error', `The test call was not placed. ${error.message}`);
  }

  await appendAuditEvent(
    deps.db,
    { action: 'call.place_test', actor, targetCallId: callId, outcome: 'success', details: { dialString } },
    clock,
  );
  const tracked = await trackCall(deps, actor, { callId, label: input.label }, 'test-call');
  // The label and CallId were checked above, and the role too: tracking cannot refuse now.
  if (!tracked.ok) throw new Error(`Tracking a placed test call failed: ${tracked.error.code}`);
  return ok(tracked.data);
}
