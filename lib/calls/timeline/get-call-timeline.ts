import type { Kysely } from 'kysely';
import { toAuditEvent } from '../../audit/audit-row';
import type { Database } from '../../db/schema';
import { describeCallState, describeEventCause, type CallInfo } from '../../um';
import type { ObservationSource } from '../check-call';
import { getCallRow } from '../list-calls';
import { describeAuditEvent, describeObservation } from './describe-timeline-item';
import type { CallObservation, CallTimeline, TimelineItem } from './timeline-types';

/** Entries of each kind read at most; a call's history is short, this only bounds a pathological one. */
export const MAX_TIMELINE_ENTRIES = 1000;

/**
 * One call's history for its page: the call as the registry has it, and one list merging the
 * state changes observed with every audit event naming the call, newest first. Null when the
 * console does not track the call. At equal times an audit event comes first (it is usually the
 * result of what was observed).
 */
export async function getCallTimeline(db: Kysely<Database>, callId: string): Promise<CallTimeline | null> {
  const call = await getCallRow(db, callId);
  if (!call) return null;
  const [observationRows, auditRows] = await Promise.all([
    db.selectFrom('call_observations').selectAll().where('call_id', '=', callId).orderBy('at', 'desc').orderBy('id', 'asc').limit(MAX_TIMELINE_ENTRIES + 1).execute(),
    db.selectFrom('audit_events').selectAll().where('target_call_id', '=', callId).orderBy('seq', 'desc').limit(MAX_TIMELINE_ENTRIES + 1).execute(),
  ]);
  const truncated = observationRows.length > MAX_TIMELINE_ENTRIES || auditRows.length > MAX_TIMELINE_ENTRIES;
  const states: TimelineItem[] = observationRows.slice(0, MAX_TIMELINE_ENTRIES).map((row) => {
    const observation: CallObservation = {
      id: row.id,
      at: Number(row.at),
      state: row.state,
      rawState: row.raw_state,
      cause: row.event_cause,
      rawCause: row.raw_event_cause,
      stateLabel: describeCallState({ state: row.state as CallInfo['state'], rawState: row.raw_state }),
      causeLabel: row.event_cause === 'None' ? null : describeEventCause({ cause: row.event_cause as CallInfo['cause'], rawCause: row.raw_event_cause }),
      source: row.source as ObservationSource,
    };
    return { kind: 'state', at: observation.at, text: describeObservation(observation), observation };
  });
  const audits: TimelineItem[] = auditRows.slice(0, MAX_TIMELINE_ENTRIES).map((row) => {
    const event = toAuditEvent(row);
    return { kind: 'audit', at: event.at.getTime(), text: describeAuditEvent(event), event };
  });
  return { call, items: mergeNewestFirst(audits, states), truncated };
}

/** Both lists are newest first already; a merge keeps each list's own order. */
function mergeNewestFirst(audits: readonly TimelineItem[], states: readonly TimelineItem[]): TimelineItem[] {
  const merged: TimelineItem[] = [];
  let a = 0;
  let s = 0;
  while (a < audits.length || s < states.length) {
    const audit = audits[a];
    const state = states[s];
    if (audit && (!state || audit.at >= state.at)) {
      merged.push(audit);
      a += 1;
    } else if (state) {
      merged.push(state);
      s += 1;
    }
  }
  return merged;
}
