import { StatusTag } from '@/components/ui/status-tag';
import type { AuditOutcome } from '@/lib/audit/types';
import { AUDIT_OUTCOME_TONES, AUDIT_OUTCOME_WORDS } from './audit-words';

export function OutcomeTag({ outcome }: { readonly outcome: AuditOutcome | null }) {
  if (outcome === null) return <span className="muted">—</span>;
  return <StatusTag tone={AUDIT_OUTCOME_TONES[outcome]}>{AUDIT_OUTCOME_WORDS[outcome]}</StatusTag>;
}
