import { StatusTag } from '@/components/ui/status-tag';
import { STUCK_RULE_WORDS, type StuckVerdict } from '@/lib/calls/stuck/stuck-rules';

/** "Stuck: Connected 42 min > 30 min": the rule that fired in words, never colour alone. */
export function StuckBadge({ verdict }: { readonly verdict: StuckVerdict }) {
  return (
    <span className="stuck-badge" data-testid="stuck-badge" data-rule={verdict.rule}>
      <StatusTag tone="problem" title={`Stuck-call rule: ${STUCK_RULE_WORDS[verdict.rule]}`}>
        Stuck: {verdict.text}
      </StatusTag>
    </span>
  );
}
