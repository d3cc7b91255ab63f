import { z } from 'zod';
import { STUCK_RULE_LIMITS, type StuckRules } from './stuck-rules';

const LABELS: Record<keyof StuckRules, string> = {
  connectingSeconds: 'Connecting longer than (seconds)',
  connectedMinutes: 'Connected longer than (minutes)',
  afterDisconnectSeconds: 'Still up after an accepted disconnect (seconds)',
  failedChecks: 'Failed status checks in a row',
};

function threshold(field: keyof StuckRules) {
  const { min, max } = STUCK_RULE_LIMITS[field];
  const message = `${LABELS[field]}: a whole number from ${min} to ${max}.`;
  // Form fields arrive as text; a number is taken as it is. Blank is not zero.
  return z.preprocess(
    (value) => (typeof value === 'string' ? (value.trim() === '' ? undefined : Number(value.trim())) : value),
    z.number({ error: message }).int(message).min(min, message).max(max, message),
  );
}

/** The settings form and saveStuckRules: every threshold required, whole numbers within STUCK_RULE_LIMITS. */
export const stuckRulesSchema = z.object({
  connectingSeconds: threshold('connectingSeconds'),
  connectedMinutes: threshold('connectedMinutes'),
  afterDisconnectSeconds: threshold('afterDisconnectSeconds'),
  failedChecks: threshold('failedChecks'),
});
