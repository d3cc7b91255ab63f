import { decodeCallId, describeCallState, describeEventCause, type CallInfo } from '../../um';
import type { JsonFields } from './report';

/** The server embedded in the CallId, when it has a documented shape; shown, never relied on. */
export function serverOf(callId: string): string | null {
  return decodeCallId(callId)?.server ?? null;
}

export function callInfoFields(info: CallInfo): JsonFields {
  return {
    state: info.state,
    eventCause: info.cause,
    ...(info.state === 'Unknown' ? { rawState: info.rawState } : {}),
    ...(info.cause === 'Unknown' ? { rawEventCause: info.rawCause } : {}),
  };
}

/** "Connected (event cause: None)", in the words the console uses. */
export function describeCallInfo(info: CallInfo): string {
  return `${describeCallState(info)} (event cause: ${describeEventCause(info)})`;
}

export function describeServer(callId: string): string {
  const server = serverOf(callId);
  return server ? `UM server:   ${server} (decoded from the call ID)` : 'UM server:   not named by the call ID';
}
