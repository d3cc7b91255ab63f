import { describeCallState } from '../um';
import { checkCall } from './check-call';
import { clockOf, DEFAULT_VERIFY_BACKOFF_MS, realSleep, type DisconnectDeps } from './deps';

export type Verification =
  | { readonly kind: 'ended'; readonly at: number; readonly by: 'disconnected' | 'gone'; readonly checks: number }
  | {
      readonly kind: 'still-up';
      /** The last state seen ("Connected"), or null when no check got an answer. */
      readonly lastState: string | null;
      /** The last check's problem, when it had one. */
      readonly lastError: string | null;
      readonly checks: number;
    };

/**
 * After the service took a Disconnect (it answers before the call is torn down), polls GetCallInfo
 * until the call is Disconnected or gone, or until the deadline; every check is stored on the row.
 */
export async function verifyDisconnect(deps: DisconnectDeps, callId: string, startedAt: number): Promise<Verification> {
  const clock = clockOf(deps);
  const sleep = deps.sleep ?? realSleep;
  const backoff = deps.verifyBackoffMs && deps.verifyBackoffMs.length > 0 ? deps.verifyBackoffMs : DEFAULT_VERIFY_BACKOFF_MS;
  const deadline = startedAt + deps.verifyTimeoutMs;
  let lastState: string | null = null;
  let lastError: string | null = null;
  let checks = 0;
  for (let round = 0; ; round += 1) {
    const remaining = deadline - clock();
    if (remaining <= 0) break;
    await sleep(Math.min(backoff[Math.min(round, backoff.length - 1)] ?? 1_000, remaining));
    const result = await checkCall(deps, callId, 'verify');
    checks += 1;
    if (result.kind === 'gone') return { kind: 'ended', at: result.at, by: 'gone', checks };
    if (result.kind === 'error') {
      lastError = result.message;
      continue;
    }
    if (result.info.state === 'Disconnected') return { kind: 'ended', at: result.at, by: 'disconnected', checks };
    lastState = describeCallState(result.info);
    lastError = null;
  }
  return { kind: 'still-up', lastState, lastError, checks };
}
