import type { EventCause } from '../call-state';

/**
 * Dial-string conventions of the simulator. The last four digits of the dial string pick what
 * the simulated callee does (non-digits such as spaces, "+" or "-" are ignored):
 *
 * | Dial string ends in | Scenario    | What happens                                                              |
 * |---------------------|-------------|---------------------------------------------------------------------------|
 * | 0000                | no-answer   | rings (Connecting) for noAnswerMs, then Disconnected / NoAnswer           |
 * | 1111                | busy        | Connecting, then Disconnected / UserBusy shortly after (min(ringMs, 500)) |
 * | 2222                | unavailable | Connecting, then Disconnected / Unavailable shortly after                 |
 * | 3333                | blocked     | PlayOnPhone(Greeting) fails with the DialingRulesException fault          |
 * | 9999                | stuck       | answers; Disconnect is accepted but the call stays Connected              |
 * | anything else       | normal      | rings ringMs, then Connected until disconnected (teardownMs after)        |
 *
 * Every call that has ended stays queryable for retentionMs, then its CallId is unknown.
 */
export type ScenarioName = 'normal' | 'no-answer' | 'busy' | 'unavailable' | 'blocked' | 'stuck';

export interface ScenarioBehaviour {
  /** The callee picks up after ringMs. */
  readonly answers: boolean;
  /** The call ends by itself: after the short reject delay or after noAnswerMs. */
  readonly endsBy: { readonly cause: EventCause; readonly after: 'reject' | 'no-answer' } | undefined;
  /** A Disconnect actually tears the call down. */
  readonly honoursDisconnect: boolean;
  /** The dialing rules refuse the number: no call is placed. */
  readonly blocked: boolean;
}

export const SCENARIO_BEHAVIOUR: Record<ScenarioName, ScenarioBehaviour> = {
  normal: { answers: true, endsBy: undefined, honoursDisconnect: true, blocked: false },
  'no-answer': { answers: false, endsBy: { cause: 'NoAnswer', after: 'no-answer' }, honoursDisconnect: true, blocked: false },
  busy: { answers: false, endsBy: { cause: 'UserBusy', after: 'reject' }, honoursDisconnect: true, blocked: false },
  unavailable: { answers: false, endsBy: { cause: 'Unavailable', after: 'reject' }, honoursDisconnect: true, blocked: false },
  blocked: { answers: false, endsBy: undefined, honoursDisconnect: true, blocked: true },
  stuck: { answers: true, endsBy: undefined, honoursDisconnect: false, blocked: false },
};

/** Longest time a busy or unavailable callee "rings" before the call fails. */
export const MAX_REJECT_MS = 500;

const SUFFIXES: ReadonlyArray<readonly [suffix: string, scenario: ScenarioName, effect: string]> = [
  ['0000', 'no-answer', 'never answers: rings for noAnswerMs, then Disconnected / NoAnswer'],
  ['1111', 'busy', 'busy: Disconnected / UserBusy shortly after ringing starts'],
  ['2222', 'unavailable', 'unavailable: Disconnected / Unavailable shortly after ringing starts'],
  ['3333', 'blocked', 'blocked by dialing rules: PlayOnPhone fails with DialingRulesException'],
  ['9999', 'stuck', 'stuck: answers; Disconnect is accepted but the call stays Connected'],
];

export function scenarioForDialString(dialString: string): ScenarioName {
  const digits = dialString.replace(/\D/g, '');
  const match = SUFFIXES.find(([suffix]) => digits.endsWith(suffix));
  return match ? match[1] : 'normal';
}

/** The conventions as text lines, for the CLI banner and documentation. */
export function describeDialStringConventions(): string[] {
  return [
    ...SUFFIXES.map(([suffix, , effect]) => `  dial string ending ${suffix}: ${effect}`),
    '  any other dial string: normal: rings ringMs, then Connected until disconnected',
  ];
}
