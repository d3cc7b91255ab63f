import type { StuckRules } from '@/lib/calls/stuck/stuck-rules';

export const STUCK_RULE_FIELDS = ['connectingSeconds', 'connectedMinutes', 'afterDisconnectSeconds', 'failedChecks'] as const satisfies readonly (keyof StuckRules)[];
export type StuckRuleField = (typeof STUCK_RULE_FIELDS)[number];

/** What the stuck-call rules form shows after a submission. */
export type SaveStuckRulesState =
  | { readonly status: 'idle' }
  | { readonly status: 'saved'; readonly changed: boolean; readonly rules: StuckRules }
  | {
      readonly status: 'error';
      readonly message: string;
      readonly fieldErrors: Partial<Record<StuckRuleField, string>>;
      /** What was typed, to put back into the form. */
      readonly values: Record<StuckRuleField, string>;
    };

export const INITIAL_SAVE_STUCK_RULES_STATE: SaveStuckRulesState = { status: 'idle' };
