import { randomUUID } from 'node:crypto';
import { checkCallId, encodeCallId } from '../call-id';
import { buildWrappedResponseEnvelope } from '../envelope';
import type { UmOperation } from '../errors';
import type { CallBook } from './call-model';
import { scenarioForDialString, SCENARIO_BEHAVIOUR } from './scenarios';
import { faultReply, invalidRequestReply, type SoapReply } from './soap-faults';

export interface HandledRequest extends SoapReply {
  /** The CallId the request named, or the one a new call was given. */
  readonly callId: string | undefined;
}

export interface OperationContext {
  readonly calls: CallBook;
  readonly serverFqdn: string;
}

/** The mailbox settings GetUMProperties reports: the documented example values. */
export const SIMULATED_UM_PROPERTIES: ReadonlyArray<readonly [string, string]> = [
  ['OofStatus', 'false'],
  ['MissedCallNotificationEnabled', 'true'],
  ['PlayOnPhoneDialString', '12345'],
  ['TelephoneAccessNumbers', '54321'],
  ['TelephoneAccessFolderEmail', 'AAAAAGsd2rbQLVtLobUGbrq/9IUBAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAAA=='],
];

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MAX_ENTRY_ID_LENGTH = 4096;
const GREETING_TYPES = new Set(['NormalCustom', 'OofCustom']);

const ok = (body: string, callId?: string): HandledRequest => ({ status: 200, body, callId });

/** Answers one well-formed request as the UM web service would. */
export function handleOperation(
  operation: UmOperation,
  fields: ReadonlyMap<string, string>,
  context: OperationContext,
): HandledRequest {
  const field = (name: string) => fields.get(name) ?? '';
  switch (operation) {
    case 'Disconnect':
    case 'GetCallInfo':
      return answerCallRequest(operation, field('CallId'), context);
    case 'PlayOnPhone':
      if (!isEntryId(field('entryId'))) return { ...faultReply('InvalidObjectIdException'), callId: undefined };
      return placeCall(operation, field('DialString'), context);
    case 'PlayOnPhoneGreeting':
      if (!GREETING_TYPES.has(field('GreetingType'))) {
        return { ...invalidRequestReply('GreetingType must be NormalCustom or OofCustom'), callId: undefined };
      }
      return placeCall(operation, field('DialString'), context);
    case 'IsUMEnabled':
      return ok(buildWrappedResponseEnvelope(operation, 'true'));
    case 'GetUMProperties':
      return ok(buildWrappedResponseEnvelope(operation, SIMULATED_UM_PROPERTIES));
  }
}

function isEntryId(value: string): boolean {
  return value.length > 0 && value.length <= MAX_ENTRY_ID_LENGTH && STRICT_BASE64.test(value);
}

function answerCallRequest(operation: 'Disconnect' | 'GetCallInfo', callId: string, context: OperationContext): HandledRequest {
  const invalid = { ...faultReply('InvalidCallIdException'), callId };
  if (checkCallId(callId) !== undefined) return invalid;
  if (operation === 'Disconnect') {
    return context.calls.disconnect(callId) ? ok(buildWrappedResponseEnvelope(operation, undefined), callId) : invalid;
  }
  const call = context.calls.snapshot(callId);
  if (!call) return invalid;
  return ok(
    buildWrappedResponseEnvelope(operation, [
      ['CallState', call.state],
      ['EventCause', call.cause],
    ]),
    callId,
  );
}

function placeCall(operation: 'PlayOnPhone' | 'PlayOnPhoneGreeting', dialString: string, context: OperationContext): HandledRequest {
  const scenario = scenarioForDialString(dialString);
  if (dialString === '') {
    return { ...faultReply('DialingRulesException', 'The dial string is empty.'), callId: undefined };
  }
  if (SCENARIO_BEHAVIOUR[scenario].blocked) return { ...faultReply('DialingRulesException'), callId: undefined };
  const callId = encodeCallId(randomUUID(), context.serverFqdn);
  context.calls.place(callId, dialString, scenario);
  return ok(buildWrappedResponseEnvelope(operation, callId), callId);
}
