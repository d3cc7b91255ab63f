import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { UmFault, UmHttpError, UmInputError, UmNetworkError, UmTimeoutError, type CallInfo, type UmClient } from '../../um';

/** The console's one vocabulary for how a disconnect ended (design.md). */
export type DisconnectOutcome = 'confirmed' | 'accepted' | 'already-ended' | 'failed' | 'unknown';

export interface VerifiedDisconnect {
  readonly outcome: DisconnectOutcome;
  /** The last CallState the service reported, if it reported one. */
  readonly lastInfo: CallInfo | undefined;
  /** Why the Disconnect itself went wrong, for `failed` and `unknown`. */
  readonly error: unknown;
  readonly disconnectSent: boolean;
  readonly disconnectLatencyMs: number | undefined;
  readonly verifyMs: number;
  readonly polls: number;
}

export interface VerifyOptions {
  /** How long to poll GetCallInfo after the Disconnect answered. */
  readonly timeoutMs: number;
  readonly firstPollDelayMs?: number;
  readonly maxPollDelayMs?: number;
}

type Probe = { readonly kind: 'info'; readonly info: CallInfo } | { readonly kind: 'gone' } | { readonly kind: 'error' };

const INVALID_CALL_ID = 'InvalidCallIdException';

/**
 * Checks the call, asks for the hang-up once, then polls GetCallInfo until the call is
 * Disconnected or unknown to the service, or the deadline passes. Disconnect is never re-sent:
 * after a timeout its outcome stays unknown unless the service later reports the call ended.
 */
export async function disconnectAndVerify(client: UmClient, callId: string, options: VerifyOptions): Promise<VerifiedDisconnect> {
  const before = await probe(client, callId);
  const base = { error: undefined, disconnectLatencyMs: undefined, verifyMs: 0, polls: 0 };
  if (before.kind === 'gone') return { ...base, outcome: 'already-ended', lastInfo: undefined, disconnectSent: false };
  if (before.kind === 'info' && before.info.state === 'Disconnected') {
    return { ...base, outcome: 'already-ended', lastInfo: before.info, disconnectSent: false };
  }
  let lastInfo = before.kind === 'info' ? before.info : undefined;

  const sentAt = performance.now();
  let error: unknown;
  try {
    await client.disconnect(callId);
  } catch (caught) {
    error = caught;
  }
  const disconnectLatencyMs = Math.round(performance.now() - sentAt);
  const sent = { error, disconnectSent: true, disconnectLatencyMs };
  if (error !== undefined) {
    if (error instanceof UmInputError) throw error;
    if (error instanceof UmFault && error.code === INVALID_CALL_ID) {
      return { ...sent, outcome: 'already-ended', lastInfo, verifyMs: 0, polls: 0 };
    }
    if (saysItDidNotHappen(error)) return { ...sent, outcome: 'failed', lastInfo, verifyMs: 0, polls: 0 };
  }

  const started = performance.now();
  const deadline = started + options.timeoutMs;
  let delay = options.firstPollDelayMs ?? 200;
  let polls = 0;
  while (performance.now() < deadline) {
    await sleep(Math.max(0, Math.min(delay, deadline - performance.now())));
    delay = Math.min(delay * 1.5, options.maxPollDelayMs ?? 1_000);
    const seen = await probe(client, callId);
    polls += 1;
    if (seen.kind === 'info') lastInfo = seen.info;
    if (seen.kind === 'gone' || (seen.kind === 'info' && seen.info.state === 'Disconnected')) {
      return { ...sent, outcome: 'confirmed', lastInfo, verifyMs: elapsedSince(started), polls };
    }
  }
  return { ...sent, outcome: error === undefined ? 'accepted' : 'unknown', lastInfo, verifyMs: elapsedSince(started), polls };
}

/** A fault, an HTTP error status, or a failure before anything was sent: the hang-up did not happen. */
function saysItDidNotHappen(error: unknown): boolean {
  if (error instanceof UmTimeoutError || error instanceof UmNetworkError) return error.requestSent === 'no';
  return error instanceof UmFault || error instanceof UmHttpError;
}

async function probe(client: UmClient, callId: string): Promise<Probe> {
  try {
    return { kind: 'info', info: await client.getCallInfo(callId) };
  } catch (error) {
    if (error instanceof UmInputError) throw error;
    if (error instanceof UmFault && error.code === INVALID_CALL_ID) return { kind: 'gone' };
    return { kind: 'error' };
  }
}

function elapsedSince(start: number): number {
  return Math.round(performance.now() - start);
}
