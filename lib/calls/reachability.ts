import { isUmError } from '../um';
import type { CheckResult } from './check-call';
import type { UmReachability } from './types';

export const INITIAL_REACHABILITY: UmReachability = { answering: true, since: null, problem: null };

/** What one request says about the service: it answered, nothing came back, or it cannot tell. */
export type ServiceSignal =
  | { readonly kind: 'answered' }
  | { readonly kind: 'unanswered'; readonly message: string }
  | { readonly kind: 'unclear' };

const UNANSWERED_KINDS: ReadonlySet<string> = new Set(['network', 'timeout', 'http']);

/** A state, a fault, even an unreadable reply: something came back from the service. */
export function signalOfCheck(result: CheckResult): ServiceSignal {
  if (result.kind !== 'error' || result.errorKind === 'fault' || result.errorKind === 'bad-response') return { kind: 'answered' };
  return UNANSWERED_KINDS.has(result.errorKind) ? { kind: 'unanswered', message: result.message } : { kind: 'unclear' };
}

export function signalOfError(error: unknown): ServiceSignal {
  if (!isUmError(error)) return { kind: 'unclear' };
  return UNANSWERED_KINDS.has(error.kind) ? { kind: 'unanswered', message: error.message } : { kind: 'answered' };
}

/**
 * Folds one poll round into the reachability shown on the board: any answer means the service is
 * there; a round in which every request went unanswered means it is not, since that round.
 * Anything else leaves the picture as it was.
 */
export function nextReachability(previous: UmReachability, signals: readonly ServiceSignal[], at: number): UmReachability {
  if (signals.some((signal) => signal.kind === 'answered')) {
    return previous.answering && previous.since !== null ? previous : { answering: true, since: at, problem: null };
  }
  const first = signals[0];
  if (first?.kind !== 'unanswered' || !signals.every((signal) => signal.kind === 'unanswered')) return previous;
  const problem = `The UM service is not answering. ${first.message}`;
  return previous.answering || previous.since === null ? { answering: false, since: at, problem } : { ...previous, problem };
}
