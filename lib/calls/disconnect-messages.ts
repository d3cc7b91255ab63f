import type { DisconnectOutcome } from '../audit/types';

// What a person reads after a disconnect: what happened, and what to do next.

export type AlreadyEndedHow = 'row-ended' | 'disconnected' | 'gone';

/** "0.4 s", "15 s". */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return Number.isInteger(seconds) ? `${seconds} s` : `${seconds.toFixed(1)} s`;
}

const CHECK_BOARD = 'It was not sent again — check its status on the board before trying again.';

export const DISCONNECT_MESSAGES = {
  confirmed: (endLatencyMs: number) =>
    `The call was disconnected: the UM service reported it ended ${formatSeconds(endLatencyMs)} after the hang-up was sent.`,
  accepted: (lastState: string | null, verifyTimeoutMs: number) =>
    `The UM service accepted the hang-up, but the call still showed as ${lastState ?? 'up'} when checking stopped after ${formatSeconds(verifyTimeoutMs)}. ` +
    'It was not sent again — watch the call on the board; if it stays up, it needs attention on the UM server.',
  acceptedUnverified: () =>
    'The UM service accepted the hang-up. This console is set not to verify disconnects, so whether the call has ended was not checked — ' +
    'watch it on the board; it was not sent again.',
  alreadyEnded: (how: AlreadyEndedHow) =>
    how === 'gone'
      ? 'The UM service no longer knows this call — it has ended or expired — so there was nothing to hang up.'
      : 'The call had already ended, so no hang-up was sent.',
  failedFault: (code: string, text: string) =>
    `The UM service refused the hang-up (${code}${text ? `: ${text}` : ''}). The call was not disconnected.`,
  failedNotSent: (problem: string) => `${problem} The call was not disconnected; try again once the UM service answers.`,
  unknownTimeout: (timeoutMs: number) =>
    `The UM service did not answer within ${formatSeconds(timeoutMs)}; the call may still be up. ${CHECK_BOARD}`,
  unknownConnectionLost: () =>
    `The connection to the UM service was lost before it answered; the call may still be up. ${CHECK_BOARD}`,
  unknownBadResponse: () =>
    `The UM service's answer could not be read, so it is not known whether the call was hung up. ${CHECK_BOARD}`,
  unknownUnexpected: () =>
    `Something unexpected went wrong while sending the hang-up, so it is not known whether it reached the UM service. ${CHECK_BOARD}`,
} as const;

/** Short words for each outcome, for places that have no room for a sentence. */
export const OUTCOME_WORDS: Record<DisconnectOutcome, string> = {
  confirmed: 'Disconnected (confirmed)',
  accepted: 'Accepted, still up',
  'already-ended': 'Already ended',
  failed: 'Failed',
  unknown: 'Unknown',
};
