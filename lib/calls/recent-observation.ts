import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { CallState } from '../um/call-state';
import { isObservationSource, type ObservationSource } from './observation-source';

/**
 * A bulk disconnect may skip the pre-check GetCallInfo of a call the console itself saw moments
 * ago (BULK_PRECHECK_MAX_AGE_MS): that halves the UM requests of a run. The price: a call that
 * ends by itself after that sighting and before the Disconnect is reported as ended by us
 * (confirmed/accepted) instead of already-ended, because the UM service accepts a Disconnect of a
 * call that ended up to 300 s before.
 */

/** States in which a call is up and a Disconnect is what ends it. Idle and undocumented states are not taken on trust. */
const UP_STATES: ReadonlySet<string> = new Set<CallState>(['Connecting', 'Alerted', 'Connected', 'Incoming', 'Transferring', 'Forwarding']);

interface Sighting {
  readonly source: ObservationSource;
  /** When the console made the check (epoch ms). */
  readonly observedAt: number;
  /** How long before the decision (may be slightly negative when another instance's clock runs ahead). */
  readonly ageMs: number;
}

export type RecentObservation =
  | (Sighting & { readonly kind: 'up'; readonly rawState: string; readonly rawCause: string })
  | (Sighting & { readonly kind: 'ended'; readonly how: 'disconnected' | 'gone'; readonly rawState: string | null; readonly rawCause: string | null });

/**
 * The call's last status check as its row keeps it, when that check worked, was made within
 * `maxAgeMs` of `now`, and showed the call either up or ended. Null otherwise (and always for a
 * max age of 0): then the call needs a fresh pre-check. Read after the call's lock is taken, when
 * nothing but this attempt checks the call any more.
 */
export async function findRecentObservation(db: Kysely<Database>, callId: string, now: number, maxAgeMs: number): Promise<RecentObservation | null> {
  if (maxAgeMs <= 0) return null;
  const row = await db
    .selectFrom('calls')
    .select(['state', 'raw_state', 'raw_event_cause', 'last_checked_at', 'last_checked_source', 'last_error', 'ended_at', 'end_reason'])
    .where('call_id', '=', callId)
    .executeTakeFirst();
  // A failed last check leaves an older state on the row, of unknown age.
  if (!row || row.last_checked_at === null || row.last_error !== null || !isObservationSource(row.last_checked_source)) return null;
  const observedAt = Number(row.last_checked_at);
  const ageMs = now - observedAt;
  // Another instance's clock may run a little ahead; one far ahead is not trusted either.
  if (ageMs >= maxAgeMs || ageMs <= -maxAgeMs) return null;
  const sighting = { source: row.last_checked_source, observedAt, ageMs };
  if (row.ended_at !== null) {
    return { ...sighting, kind: 'ended', how: row.end_reason === 'gone' ? 'gone' : 'disconnected', rawState: row.raw_state, rawCause: row.raw_event_cause };
  }
  if (row.state === null || row.raw_state === null || !UP_STATES.has(row.state)) return null;
  return { ...sighting, kind: 'up', rawState: row.raw_state, rawCause: row.raw_event_cause ?? '' };
}

/** A recent observation as the completion's audit details keep it (`precheck`): where it came from, when, and what it showed. */
export function describeRecentObservation(observation: RecentObservation, maxAgeMs: number): Readonly<Record<string, unknown>> {
  const seen =
    observation.kind === 'ended' && observation.how === 'gone'
      ? { gone: true }
      : { state: observation.rawState, cause: observation.rawCause };
  return {
    source: observation.source,
    observedAt: new Date(observation.observedAt).toISOString(),
    ageMs: Math.round(observation.ageMs),
    maxAgeMs,
    ...seen,
  };
}
