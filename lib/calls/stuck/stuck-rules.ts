// The stuck-call rules and their verdicts: plain data and no server imports, so client components
// can use them (and re-evaluate with their own clock between board refreshes).

/** The four rules, in the order they are checked: the first that fires names the verdict. */
export const STUCK_RULE_IDS = ['after-disconnect', 'connecting', 'connected', 'failed-checks'] as const;
export type StuckRuleId = (typeof STUCK_RULE_IDS)[number];

/** Thresholds an administrator sets; a call is stuck when any of them is passed. */
export interface StuckRules {
  /** Connecting (dialling, ringing) longer than this many seconds. */
  readonly connectingSeconds: number;
  /** Connected longer than this many minutes. */
  readonly connectedMinutes: number;
  /** Still up this many seconds after the UM service accepted a Disconnect. */
  readonly afterDisconnectSeconds: number;
  /** This many status checks failed in a row (or more). */
  readonly failedChecks: number;
}

export const DEFAULT_STUCK_RULES: StuckRules = {
  connectingSeconds: 60,
  connectedMinutes: 30,
  afterDisconnectSeconds: 30,
  failedChecks: 5,
};

/** Smallest and largest value of each threshold (also the settings form's min/max). */
export const STUCK_RULE_LIMITS: Record<keyof StuckRules, { readonly min: number; readonly max: number; readonly unit: string }> = {
  connectingSeconds: { min: 5, max: 86_400, unit: 's' },
  connectedMinutes: { min: 1, max: 10_080, unit: 'min' },
  afterDisconnectSeconds: { min: 5, max: 86_400, unit: 's' },
  failedChecks: { min: 1, max: 1_000, unit: 'checks' },
};

/** What each rule means, in words, for the settings page and the badge's title. */
export const STUCK_RULE_WORDS: Record<StuckRuleId, string> = {
  'after-disconnect': 'Still up after an accepted disconnect',
  connecting: 'Connecting too long',
  connected: 'Connected too long',
  'failed-checks': 'Status checks failing',
};

/** Why a call counts as stuck: the rule that fired, and a sentence such as "Connected 42 min > 30 min". */
export interface StuckVerdict {
  readonly rule: StuckRuleId;
  readonly text: string;
}
