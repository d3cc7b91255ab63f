import type { CallState, EventCause } from '../call-state';
import { MAX_REJECT_MS, SCENARIO_BEHAVIOUR, type ScenarioName } from './scenarios';
import type { SimulatedCallSnapshot } from './types';

export interface CallTimings {
  readonly ringMs: number;
  readonly teardownMs: number;
  readonly retentionMs: number;
  readonly noAnswerMs: number;
}

export interface CallRecord {
  readonly callId: string;
  readonly dialString: string;
  readonly scenario: ScenarioName;
  readonly createdAt: number;
  /** When the first honoured Disconnect arrived; teardown ends teardownMs later. */
  disconnectAt: number | undefined;
  disconnectRequests: number;
}

export interface CallStatus {
  readonly state: CallState;
  readonly cause: EventCause;
  readonly stateSince: number;
  /** When the call ended, if it has. */
  readonly endedAt: number | undefined;
}

/**
 * The state of a call at a moment, derived from its timestamps alone. Nothing is scheduled:
 * a call "moves" only when someone looks, so there are no timers to leak or to race.
 */
export function computeCallStatus(call: CallRecord, timings: CallTimings, at: number): CallStatus {
  const behaviour = SCENARIO_BEHAVIOUR[call.scenario];
  const answerAt = behaviour.answers ? call.createdAt + timings.ringMs : undefined;

  let end: { at: number; cause: EventCause } | undefined;
  if (behaviour.endsBy) {
    const delay = behaviour.endsBy.after === 'reject' ? Math.min(timings.ringMs, MAX_REJECT_MS) : timings.noAnswerMs;
    end = { at: call.createdAt + delay, cause: behaviour.endsBy.cause };
  }
  if (behaviour.honoursDisconnect && call.disconnectAt !== undefined) {
    const hangUpAt = call.disconnectAt + timings.teardownMs;
    if (end === undefined || hangUpAt < end.at) end = { at: hangUpAt, cause: 'None' };
  }

  if (end !== undefined && at >= end.at) {
    return { state: 'Disconnected', cause: end.cause, stateSince: end.at, endedAt: end.at };
  }
  if (answerAt !== undefined && at >= answerAt) {
    return { state: 'Connected', cause: 'None', stateSince: answerAt, endedAt: undefined };
  }
  return { state: 'Connecting', cause: 'None', stateSince: call.createdAt, endedAt: undefined };
}

export function isExpired(status: CallStatus, timings: CallTimings, at: number): boolean {
  return status.endedAt !== undefined && at >= status.endedAt + timings.retentionMs;
}

/** Calls kept at most; beyond it the oldest are forgotten, so a long-running simulator stays small. */
export const MAX_CALLS = 10_000;
const PRUNE_INTERVAL_MS = 1_000;

/** The simulator's calls by CallId, forgetting ended ones once their retention has passed. */
export class CallBook {
  private readonly calls = new Map<string, CallRecord>();
  private lastPruneAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly timings: CallTimings,
    private readonly now: () => number = Date.now,
    private readonly maxCalls = MAX_CALLS,
  ) {}

  place(callId: string, dialString: string, scenario: ScenarioName): SimulatedCallSnapshot {
    const createdAt = this.now();
    this.pruneOccasionally(createdAt);
    while (this.calls.size >= this.maxCalls) {
      const oldest = this.calls.keys().next();
      if (oldest.done) break;
      this.calls.delete(oldest.value);
    }
    const record: CallRecord = { callId, dialString, scenario, createdAt, disconnectAt: undefined, disconnectRequests: 0 };
    this.calls.set(callId, record);
    return this.snapshotOf(record, createdAt);
  }

  /** Queues a hang-up. False when the CallId is unknown or expired (InvalidCallIdException). */
  disconnect(callId: string): boolean {
    const at = this.now();
    const record = this.liveRecord(callId, at);
    if (!record) return false;
    record.disconnectRequests += 1;
    const status = computeCallStatus(record, this.timings, at);
    if (status.endedAt === undefined && record.disconnectAt === undefined) record.disconnectAt = at;
    return true;
  }

  snapshot(callId: string): SimulatedCallSnapshot | undefined {
    const at = this.now();
    const record = this.liveRecord(callId, at);
    return record ? this.snapshotOf(record, at) : undefined;
  }

  list(): SimulatedCallSnapshot[] {
    const at = this.now();
    this.prune(at);
    return [...this.calls.values()].map((record) => this.snapshotOf(record, at));
  }

  get size(): number {
    return this.calls.size;
  }

  private liveRecord(callId: string, at: number): CallRecord | undefined {
    const record = this.calls.get(callId);
    if (!record) return undefined;
    if (isExpired(computeCallStatus(record, this.timings, at), this.timings, at)) {
      this.calls.delete(callId);
      return undefined;
    }
    return record;
  }

  private pruneOccasionally(at: number): void {
    if (at - this.lastPruneAt >= PRUNE_INTERVAL_MS || this.calls.size >= this.maxCalls) this.prune(at);
  }

  private prune(at: number): void {
    this.lastPruneAt = at;
    for (const [callId, record] of this.calls) {
      if (isExpired(computeCallStatus(record, this.timings, at), this.timings, at)) this.calls.delete(callId);
    }
  }

  private snapshotOf(record: CallRecord, at: number): SimulatedCallSnapshot {
    const status = computeCallStatus(record, this.timings, at);
    return {
      callId: record.callId,
      dialString: record.dialString,
      state: status.state,
      cause: status.cause,
      scenario: record.scenario,
      createdAt: record.createdAt,
      stateSince: status.stateSince,
      disconnectRequests: record.disconnectRequests,
    };
  }
}
