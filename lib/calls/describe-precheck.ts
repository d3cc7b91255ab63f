import { describeCallState, describeEventCause, toCallInfo } from '../um/call-state';
import { isObservationSource, type ObservationSource } from './observation-source';
import { formatSeconds } from './disconnect-messages';

// The `precheck` of a disconnect.completed event's details, in words, for the audit detail page and
// the call's timeline. Pure (no database, no UM client): the audit pages render it on the server.

/** What the stored `precheck` says about how the call was checked before its Disconnect. */
export type Precheck =
  /** The console's own record showed the call ended: nothing was checked or sent. */
  | { readonly kind: 'row-ended' }
  /** A GetCallInfo just before the Disconnect (or instead of it). */
  | { readonly kind: 'fresh'; readonly seen: Seen }
  | { readonly kind: 'fresh-failed'; readonly message: string }
  /** A bulk disconnect used what the console had seen shortly before, and sent no GetCallInfo. */
  | { readonly kind: 'recent'; readonly seen: Seen; readonly source: ObservationSource; readonly ageMs: number; readonly maxAgeMs: number | null };

type Seen = { readonly gone: true } | { readonly gone: false; readonly state: string; readonly cause: string };

/** Reads a stored `precheck`; null when there is none or it has a shape this console does not know. */
export function readPrecheck(value: unknown): Precheck | null {
  if (value === 'row-ended') return { kind: 'row-ended' };
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (typeof record.error === 'string') return { kind: 'fresh-failed', message: typeof record.message === 'string' ? record.message : '' };
  const seen: Seen | null =
    record.gone === true
      ? { gone: true }
      : typeof record.state === 'string'
        ? { gone: false, state: record.state, cause: typeof record.cause === 'string' ? record.cause : 'None' }
        : null;
  if (seen === null) return null;
  if (record.source === undefined) return { kind: 'fresh', seen };
  if (!isObservationSource(record.source) || typeof record.ageMs !== 'number') return null;
  const maxAgeMs = typeof record.maxAgeMs === 'number' ? record.maxAgeMs : null;
  return { kind: 'recent', seen, source: record.source, ageMs: record.ageMs, maxAgeMs };
}

/** Where a recent sighting came from, after "seen". */
const SEEN_BY: Record<ObservationSource, string> = {
  poll: 'by the status poller',
  track: 'when the call was tracked',
  precheck: 'by the check before an earlier disconnect',
  verify: 'while an earlier disconnect was verified',
  recovery: 'by the start-up recovery',
};

/** "Connected", "Disconnected (No answer)", "no longer known to the UM service". */
function describeSeen(seen: Seen): string {
  if (seen.gone) return 'no longer known to the UM service';
  const info = toCallInfo(seen.state, seen.cause);
  const cause = info.cause === 'None' ? '' : ` (${describeEventCause(info)})`;
  return `${describeCallState(info)}${cause}`;
}

/** "40 ms", "1.2 s"; a sighting stamped a little ahead by another instance's clock reads as 0 ms. */
function formatAge(ms: number): string {
  return ms < 1000 ? `${Math.max(0, Math.round(ms))} ms` : formatSeconds(ms);
}

/** The recent-sighting case in a few words: "Connected, seen by the status poller 1.2 s before". */
export function describeRecentSighting(precheck: Extract<Precheck, { kind: 'recent' }>): string {
  const seen = describeSeen(precheck.seen);
  return `${seen.charAt(0).toUpperCase()}${seen.slice(1)}, seen ${SEEN_BY[precheck.source]} ${formatAge(precheck.ageMs)} before`;
}

/** One sentence for the audit detail page. */
export function describePrecheck(precheck: Precheck): string {
  switch (precheck.kind) {
    case 'row-ended':
      return 'Not checked: the console’s record already showed the call ended.';
    case 'fresh-failed':
      return `The status check just before failed${precheck.message ? `: ${precheck.message}` : '.'}`;
    case 'fresh': {
      const seen = describeSeen(precheck.seen);
      return `${seen.charAt(0).toUpperCase()}${seen.slice(1)}, checked with GetCallInfo just before.`;
    }
    case 'recent': {
      const within = precheck.maxAgeMs === null ? '' : ` within ${formatAge(precheck.maxAgeMs)}`;
      return `${describeRecentSighting(precheck)}; not checked again (a bulk disconnect uses what the console saw${within}).`;
    }
  }
}
