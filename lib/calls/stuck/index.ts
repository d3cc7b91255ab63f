// Stuck-call rules: thresholds an administrator sets, and the verdict each call gets from them.
export { countStuckCalls } from './count-stuck';
export { evaluateStuck } from './evaluate-stuck';
export type { StuckInput } from './evaluate-stuck';
export { recordLastDisconnect } from './record-last-disconnect';
export type { LastDisconnectRecord } from './record-last-disconnect';
export { DEFAULT_STUCK_RULES, STUCK_RULE_IDS, STUCK_RULE_LIMITS, STUCK_RULE_WORDS } from './stuck-rules';
export type { StuckRuleId, StuckRules, StuckVerdict } from './stuck-rules';
export { stuckRulesSchema } from './stuck-rules-schema';
export { STUCK_RULES_KEY, getStuckRules, saveStuckRules } from './stuck-rules-store';
export type { SaveStuckRulesErrorCode, SavedStuckRules } from './stuck-rules-store';
