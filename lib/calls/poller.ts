import { checkCall } from './check-call';
import { clockOf, type CallsDeps } from './deps';
import { INITIAL_REACHABILITY, nextReachability, signalOfCheck, signalOfError, type ServiceSignal } from './reachability';
import { readPollerStatus, savePollerStatus } from './poller-status-store';
import { runBounded } from './run-bounded';
import type { UmReachability } from './types';

/** Requests the poller has in flight at most, whatever the client would allow. */
export const MAX_POLL_CONCURRENCY = 8;

export interface PollerDeps extends CallsDeps {
  /** The UM client's own bound on concurrent requests; the poller stays at or below it. */
  readonly maxConcurrency: number;
}

export interface PollRound {
  readonly at: number;
  readonly checked: number;
  readonly ended: number;
  readonly failed: number;
}

/** What the board needs to know about the poller. */
export interface PollerStatus {
  readonly intervalMs: number;
  readonly lastPollAt: number | null;
  readonly reachability: UmReachability;
  /** True when this instance runs the rounds; a follower shows what the leader last saw. */
  readonly leading: boolean;
}

export interface PollerOptions {
  readonly intervalMs: number;
  /** Several instances on one database: rounds run only while this returns true. Default: always. */
  readonly isLeader?: () => boolean;
}

export interface Poller extends PollerStatus {
  /** Runs a round now, or joins the one already running: rounds never overlap. */
  pollNow(): Promise<PollRound>;
  /** Stops the timer and waits for a running round to finish. */
  stop(): Promise<void>;
}

/**
 * The one status poller of a process: every interval it checks the tracked, not-ended calls with
 * GetCallInfo and stores what it finds. Pages read the stored state, so viewers add no SOAP traffic.
 * With several instances only the leader polls; the others read the leader's last round from the
 * database each interval instead, so their boards say the same.
 */
export function startPoller(deps: PollerDeps, options: PollerOptions): Poller {
  const isLeader = options.isLeader ?? (() => true);
  const clock = clockOf(deps);
  const limit = Math.max(1, Math.min(MAX_POLL_CONCURRENCY, deps.maxConcurrency));
  let reachability = INITIAL_REACHABILITY;
  let lastPollAt: number | null = null;
  let running: Promise<PollRound> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function runRound(): Promise<PollRound> {
    const at = clock();
    const rows = await deps.db
      .selectFrom('calls')
      .select('call_id')
      .where('ended_at', 'is', null)
      // A call being disconnected is watched closely by its verification already.
      .where('disconnect_attempt_id', 'is', null)
      .execute();
    const results = await runBounded(rows, limit, (row) => checkCall(deps, row.call_id, 'poll'));
    const signals = results.map(signalOfCheck);
    // Nothing to poll: probe while the service is down, and once at first so an empty board can
    // say from the start that the service does not answer.
    if (rows.length === 0 && (!reachability.answering || reachability.since === null)) signals.push(await probe());
    reachability = nextReachability(reachability, signals, at);
    lastPollAt = at;
    if (options.isLeader) await savePollerStatus(deps.db, { lastPollAt, reachability });
    return {
      at,
      checked: rows.length,
      ended: results.filter((r) => r.kind === 'gone' || (r.kind === 'info' && r.info.state === 'Disconnected')).length,
      failed: results.filter((r) => r.kind === 'error').length,
    };
  }

  /** With nothing to poll, one cheap request is the only way to see the service come back. */
  async function probe(): Promise<ServiceSignal> {
    try {
      await deps.um.isUmEnabled();
      return { kind: 'answered' };
    } catch (error) {
      return signalOfError(error);
    }
  }

  function pollNow(): Promise<PollRound> {
    running ??= runRound().finally(() => {
      running = undefined;
    });
    return running;
  }

  /** A follower's round: the leader's last one, as stored. */
  async function follow(): Promise<void> {
    const shared = await readPollerStatus(deps.db);
    if (!shared) return;
    lastPollAt = shared.lastPollAt;
    reachability = shared.reachability;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      const started = clock();
      (isLeader() ? pollNow() : follow())
        .catch((error: unknown) => console.error('The call status poller failed a round:', error))
        .finally(() => schedule(Math.max(0, options.intervalMs - (clock() - started))));
    }, delayMs);
    // The poller serves a running server; it must not keep a finished process (a CLI, a test) alive.
    timer.unref();
  }

  schedule(0);
  return {
    intervalMs: options.intervalMs,
    get lastPollAt() {
      return lastPollAt;
    },
    get reachability() {
      return reachability;
    },
    get leading() {
      return isLeader();
    },
    pollNow,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
