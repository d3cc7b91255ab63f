import type { CallRow } from '../types';
import type { StuckRules, StuckVerdict } from './stuck-rules';

/** The fields of a call the rules look at. */
export type StuckInput = Pick<CallRow, 'state' | 'stateSince' | 'ended' | 'consecutiveFailures' | 'lastDisconnect'>;

const SECOND = 1_000;
const MINUTE = 60_000;

/**
 * Whether a call is stuck at `now` (epoch ms), and which rule says so; null when it is not.
 * Ended calls are never stuck. Rules are checked in STUCK_RULE_IDS order; the first that fires wins.
 */
export function evaluateStuck(call: StuckInput, rules: StuckRules, now: number): StuckVerdict | null {
  if (call.ended) return null;
  const accepted = call.lastDisconnect?.outcome === 'accepted' ? call.lastDisconnect.acceptedAt : null;
  if (accepted !== null) {
    const seconds = Math.floor((now - accepted) / SECOND);
    if (seconds > rules.afterDisconnectSeconds) {
      return {
        rule: 'after-disconnect',
        text: `Still up ${seconds} s after an accepted disconnect (> ${rules.afterDisconnectSeconds} s)`,
      };
    }
  }
  const inState = call.stateSince === null ? null : now - call.stateSince;
  if (inState !== null && call.state === 'Connecting') {
    const seconds = Math.floor(inState / SECOND);
    if (seconds > rules.connectingSeconds) {
      return { rule: 'connecting', text: `Connecting ${seconds} s > ${rules.connectingSeconds} s` };
    }
  }
  if (inState !== null && call.state === 'Connected' && inState > rules.connectedMinutes * MINUTE) {
    return { rule: 'connected', text: `Connected ${formatMinutes(inState, rules.connectedMinutes)} > ${rules.connectedMinutes} min` };
  }
  if (call.consecutiveFailures >= rules.failedChecks) {
    const checks = call.consecutiveFailures === 1 ? 'failed check' : 'failed checks';
    return { rule: 'failed-checks', text: `${call.consecutiveFailures} ${checks} in a row (≥ ${rules.failedChecks})` };
  }
  return null;
}

/** Whole minutes, with the seconds only while the whole minutes still equal the limit ("30 min 20 s > 30 min"). */
function formatMinutes(ms: number, limit: number): string {
  const minutes = Math.floor(ms / MINUTE);
  if (minutes > limit) return `${minutes} min`;
  return `${minutes} min ${Math.floor((ms % MINUTE) / SECOND)} s`;
}
