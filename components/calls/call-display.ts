import type { Tone } from '@/components/ui/status-tag';
import type { CallRow } from '@/lib/calls/types';

/** What the board shows as a call's state, and since when that state holds. */
export interface DisplayedState {
  readonly label: string;
  readonly tone: Tone;
  /** Epoch ms (server clock), or null when nothing is known yet. */
  readonly since: number | null;
}

const WAITING_STATES: ReadonlySet<string> = new Set(['Idle', 'Connecting', 'Alerted', 'Incoming', 'Transferring', 'Forwarding']);

export function displayState(call: CallRow): DisplayedState {
  // The UM service forgot the call (InvalidCallIdException): its last known state no longer holds.
  if (call.ended && call.endReason === 'gone') {
    return { label: 'Gone — no longer known to the UM service', tone: 'neutral', since: call.endedAt };
  }
  if (call.state === null) return { label: call.stateLabel, tone: 'pending', since: null };
  if (call.state === 'Connected') return { label: call.stateLabel, tone: 'ok', since: call.stateSince };
  if (call.state === 'Disconnected') return { label: call.stateLabel, tone: 'neutral', since: call.stateSince };
  if (WAITING_STATES.has(call.state)) return { label: call.stateLabel, tone: 'pending', since: call.stateSince };
  return { label: call.stateLabel, tone: 'warning', since: call.stateSince };
}

/** "“Front desk”" or "a call without a label": how sentences name a call. */
export function nameOfCall(call: Pick<CallRow, 'label'>): string {
  return call.label ? `“${call.label}”` : 'a call without a label';
}
