/** CallState values the UM service may report; clients usually see Connecting, Connected, Disconnected. */
export const CALL_STATES = [
  'Idle',
  'Connecting',
  'Alerted',
  'Connected',
  'Disconnected',
  'Incoming',
  'Transferring',
  'Forwarding',
] as const;
export type CallState = (typeof CALL_STATES)[number];

/** EventCause values; `None` whenever the call has not ended. */
export const EVENT_CAUSES = ['None', 'UserBusy', 'NoAnswer', 'Unavailable', 'Other'] as const;
export type EventCause = (typeof EVENT_CAUSES)[number];

export interface CallInfo {
  /** The state, or 'Unknown' when the service sent a value outside the documented set. */
  readonly state: CallState | 'Unknown';
  /** The value exactly as the service sent it. */
  readonly rawState: string;
  readonly cause: EventCause | 'Unknown';
  readonly rawCause: string;
}

export const EVENT_CAUSE_LABELS: Record<EventCause, string> = {
  None: 'None',
  UserBusy: 'Busy',
  NoAnswer: 'No answer',
  Unavailable: 'Unavailable',
  Other: 'Other',
};

export function isCallState(value: string): value is CallState {
  return (CALL_STATES as readonly string[]).includes(value);
}

export function isEventCause(value: string): value is EventCause {
  return (EVENT_CAUSES as readonly string[]).includes(value);
}

export function toCallInfo(rawState: string, rawCause: string): CallInfo {
  return {
    state: isCallState(rawState) ? rawState : 'Unknown',
    rawState,
    cause: isEventCause(rawCause) ? rawCause : 'Unknown',
    rawCause,
  };
}

/** "Connected", or "Unknown (Parked)" for a value outside the documented set. */
export function describeCallState(info: Pick<CallInfo, 'state' | 'rawState'>): string {
  return info.state === 'Unknown' ? `Unknown (${info.rawState})` : info.state;
}

/** "No answer", or "Unknown (Rejected)" for a value outside the documented set. */
export function describeEventCause(info: Pick<CallInfo, 'cause' | 'rawCause'>): string {
  return info.cause === 'Unknown' ? `Unknown (${info.rawCause})` : EVENT_CAUSE_LABELS[info.cause];
}
