import type { Selectable } from 'kysely';
import { DISCONNECT_OUTCOMES, type DisconnectOutcome } from '../audit/types';
import type { CallsTable } from '../db/schema';
import { describeCallState, describeEventCause, type CallInfo } from '../um';
import { evaluateStuck } from './stuck/evaluate-stuck';
import type { StuckRules } from './stuck/stuck-rules';
import type { CallRow, CallSource, LastDisconnect } from './types';

/** A registry row as pages and the board's JSON show it, with its stuck verdict at `now` under `rules`. */
export function toCallRow(row: Selectable<CallsTable>, rules: StuckRules, now: number): CallRow {
  const checked = row.state !== null && row.raw_state !== null;
  const call: Omit<CallRow, 'stuck'> = {
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
    lastDisconnect: lastDisconnectOf(row),
  };
  return { ...call, stuck: evaluateStuck(call, rules, now) };
}

function lastDisconnectOf(row: Selectable<CallsTable>): LastDisconnect | null {
  const outcome = row.last_disconnect_outcome;
  if (row.last_disconnect_attempt_id === null || row.last_disconnect_at === null || !isOutcome(outcome)) return null;
  return {
    attemptId: row.last_disconnect_attempt_id,
    outcome,
    at: Number(row.last_disconnect_at),
    acceptedAt: numberOrNull(row.last_disconnect_accepted_at),
  };
}

function isOutcome(value: string | null): value is DisconnectOutcome {
  return value !== null && (DISCONNECT_OUTCOMES as readonly string[]).includes(value);
}

function numberOrNull(value: number | null): number | null {
  return value === null ? null : Number(value);
}
