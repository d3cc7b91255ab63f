import type { DisconnectOutcome } from '../audit/types';
import type { StuckRules, StuckVerdict } from './stuck/stuck-rules';

/** How a call came to be tracked. */
export type CallSource = 'browser' | 'api' | 'test-call' | 'demo';

/**
 * One tracked call as pages and the board's JSON show it. Plain data (times as epoch ms) so it
 * crosses the server/client boundary and JSON unchanged. Wire names stay in lib/um.
 */
export interface CallRow {
  readonly callId: string;
  readonly label: string | null;
  /** The UM server decoded from the CallId, when it has the documented shape. */
  readonly server: string | null;
  readonly addedByEmail: string | null;
  readonly addedVia: CallSource;
  readonly addedAt: number;
  /** The last known CallState, 'Unknown' for an undocumented value, null before the first check. */
  readonly state: string | null;
  /** "Connected", or "Unknown (Parked)"; "Not checked yet" before the first check. */
  readonly stateLabel: string;
  /** Event cause in words ("No answer"), null before the first check. */
  readonly causeLabel: string | null;
  readonly stateSince: number | null;
  readonly lastCheckedAt: number | null;
  /** The last check's problem, as a sentence; null when the last check worked. */
  readonly lastError: string | null;
  readonly consecutiveFailures: number;
  readonly ended: boolean;
  readonly endedAt: number | null;
  /** 'disconnected' (the service said so) or 'gone' (InvalidCallIdException: expired or unknown). */
  readonly endReason: 'disconnected' | 'gone' | null;
  /** A Disconnect for this call is being sent or verified right now. */
  readonly disconnectInProgress: boolean;
  /** The latest disconnect attempt's result; null before the first. */
  readonly lastDisconnect: LastDisconnect | null;
  /** Why the call counts as stuck when the row was read ("Connected 42 min > 30 min"); null when it does not. */
  readonly stuck: StuckVerdict | null;
}

/** The latest disconnect attempt of a call, as its row keeps it. */
export interface LastDisconnect {
  readonly attemptId: string;
  readonly outcome: DisconnectOutcome;
  /** When the outcome was settled (epoch ms). */
  readonly at: number;
  /** When the UM service took the hang-up (epoch ms); null when it did not. */
  readonly acceptedAt: number | null;
}

/** Narrows the board: only stuck calls (the "Stuck only" filter). */
export interface CallListOptions {
  readonly stuckOnly?: boolean;
  /** The time verdicts are evaluated at (epoch ms); default now. */
  readonly now?: number;
  /** Default: the rules stored in the database. */
  readonly rules?: StuckRules;
}

export type CallView = 'active' | 'ended' | 'all';

/** Whether the UM service answers the poller, and since when (for the board's banner). */
export interface UmReachability {
  readonly answering: boolean;
  /** When the current state began (epoch ms); null before the first poll. */
  readonly since: number | null;
  /** A sentence for a person when not answering. */
  readonly problem: string | null;
}

/** What the board's GET route handler returns. */
export interface BoardSnapshot {
  readonly calls: readonly CallRow[];
  readonly generatedAt: number;
  readonly pollIntervalMs: number;
  readonly lastPollAt: number | null;
  /** Whether the instance that served this board runs the status poller (several instances: one does). */
  readonly pollerLeading: boolean;
  readonly um: UmReachability;
  /** Active calls that are stuck at generatedAt (whatever the view), for the title and the navigation. */
  readonly stuckCount: number;
  /** The rules the verdicts came from, so the page can re-evaluate them with its own clock (evaluateStuck). */
  readonly stuckRules: StuckRules;
}

export interface DisconnectResult {
  readonly attemptId: string;
  /** seq of the disconnect.requested audit event. */
  readonly auditSeq: number;
  readonly outcome: DisconnectOutcome;
  /** What happened and what to do next, in words. */
  readonly message: string;
  readonly faultCode: string | null;
  readonly umLatencyMs: number | null;
  readonly endLatencyMs: number | null;
}

export type DisconnectErrorCode =
  | 'invalid-input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'in-progress'
  | 'audit-unavailable'
  /** Bulk runs only: the run was cancelled or paused before the call's turn; nothing was written or sent. */
  | 'not-wanted';
