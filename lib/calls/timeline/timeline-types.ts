import type { AuditEvent } from '../../audit/types';
import type { ObservationSource } from '../check-call';
import type { CallRow } from '../types';

/** A state change the poller (or a track, precheck, verification, recovery) observed. */
export interface CallObservation {
  readonly id: string;
  readonly at: number;
  /** CallState as the console knows it ('Unknown' for an undocumented value). */
  readonly state: string;
  readonly rawState: string;
  readonly cause: string;
  readonly rawCause: string;
  /** "Connected", "Unknown (Parked)". */
  readonly stateLabel: string;
  /** "No answer"; null when the cause is None. */
  readonly causeLabel: string | null;
  readonly source: ObservationSource;
}

/** One line of a call's timeline: a state change, or an audit event about the call. */
export type TimelineItem =
  | { readonly kind: 'state'; readonly at: number; readonly text: string; readonly observation: CallObservation }
  | { readonly kind: 'audit'; readonly at: number; readonly text: string; readonly event: AuditEvent };

export interface CallTimeline {
  readonly call: CallRow;
  /** Newest first. */
  readonly items: readonly TimelineItem[];
  /** True when older entries were left out (more than MAX_TIMELINE_ENTRIES of a kind). */
  readonly truncated: boolean;
}
