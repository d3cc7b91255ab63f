import Link from 'next/link';
import { StatusTag } from '@/components/ui/status-tag';
import { DISCONNECT_OUTCOME_LABELS } from '@/lib/audit/types';
import { OUTCOME_WORDS } from '@/lib/calls/disconnect-messages';
import type { DisconnectResult as Result } from '@/lib/calls/types';
import { formatMs } from './format';
import { OUTCOME_TONES } from './outcome-tone';

/** A finished disconnect in words: the outcome, what it means, what to do, and the numbers. */
export function DisconnectResult({ result }: { readonly result: Result }) {
  const facts = [
    result.umLatencyMs !== null ? `UM round trip ${formatMs(result.umLatencyMs)}` : null,
    result.faultCode ? `fault ${result.faultCode}` : null,
  ].filter((fact): fact is string => fact !== null);
  return (
    <div className={`outcome outcome--${OUTCOME_TONES[result.outcome]}`} data-testid="disconnect-result">
      <p className="outcome__title">
        <StatusTag tone={OUTCOME_TONES[result.outcome]}>{OUTCOME_WORDS[result.outcome]}</StatusTag>
        <span className="visually-hidden">: </span>
        <span className="outcome__label">{DISCONNECT_OUTCOME_LABELS[result.outcome]}</span>
      </p>
      <p>{result.message}</p>
      <p className="outcome__facts">
        {facts.length > 0 ? `${facts.join(' · ')} · ` : ''}
        <Link href={`/audit/attempts/${encodeURIComponent(result.attemptId)}`}>Audit entry #{result.auditSeq}</Link>
      </p>
    </div>
  );
}
