import type { Selectable } from 'kysely';
import type { CallsTable } from '../db/schema';
import { describeCallState, describeEventCause, type CallInfo } from '../um';
import type { CallRow, CallSource } from './types';

/** A registry row as pages and the board's JSON show it. */
export function toCallRow(row: Selectable<CallsTable>): CallRow {
  const checked = row.state !== null && row.raw_state !== null;
  return {
    callId: row.call_id,
    label: row.label,
    server: row.server,
    addedByEmail: row.added_by_email,
    addedVia: row.added_via as CallSource,
    addedAt: Number(row.added_at),
    state: row.state,
    stateLabel: checked
      ? describeCallState({ state: row.state as CallInfo['state'], rawState: row.raw_state ?? '' })
      : 'Not checked yet',
    causeLabel:
      row.event_cause !== null && row.raw_event_cause !== null
        ? describeEventCause({ cause: row.event_cause as CallInfo['cause'], rawCause: row.raw_event_cause })
        : null,
    stateSince: numberOrNull(row.state_since),
    lastCheckedAt: numberOrNull(row.last_checked_at),
    lastError: row.last_error,
    consecutiveFailures: Number(row.consecutive_failures),
    ended: row.ended_at !== null,
    endedAt: numberOrNull(row.ended_at),
    endReason: row.end_reason === 'disconnected' || row.end_reason === 'gone' ? row.end_reason : null,
    disconnectInProgress: row.disconnect_attempt_id !== null,
  };
}

function numberOrNull(value: number | null): number | null {
  return value === null ? null : Number(value);
}
