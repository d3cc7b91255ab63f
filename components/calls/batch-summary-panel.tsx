import { IsoTime } from '@/components/iso-time';
import { StatusTag } from '@/components/ui/status-tag';
import { DISCONNECT_OUTCOMES } from '@/lib/audit/types';
import type { Batch } from '@/lib/calls/bulk/batch-types';
import { OUTCOME_WORDS } from '@/lib/calls/disconnect-messages';
import { BATCH_STATUS_TONES, BATCH_STATUS_WORDS } from './batch-words';

/** Where the run is: its status and why, done / total, and how many calls ended how. */
export function BatchSummaryPanel({ batch }: { readonly batch: Batch }) {
  const { counts } = batch;
  return (
    <div className="panel batch-summary">
      <p className="batch-summary__status">
        <StatusTag tone={BATCH_STATUS_TONES[batch.status]}>{BATCH_STATUS_WORDS[batch.status]}</StatusTag>{' '}
        <span data-testid="batch-progress" aria-live="polite">
          {counts.settled} / {counts.total} done
          {counts.byStatus.cancelled > 0 ? ` (${counts.byStatus.cancelled} not sent)` : ''}
        </span>
      </p>
      <progress className="batch-summary__bar" max={counts.total} value={counts.settled} aria-label="Calls done" />
      {batch.statusMessage ? (
        <p className={batch.status === 'paused' || batch.status === 'interrupted' ? 'form-problem' : 'muted'} role="status" data-testid="batch-message">
          {batch.statusMessage}
        </p>
      ) : null}
      <dl className="facts facts--compact">
        <dt>Reason</dt>
        <dd>{batch.reason}</dd>
        <dt>Started by</dt>
        <dd>
          {batch.createdByEmail} at <IsoTime value={new Date(batch.createdAt).toISOString()} />
        </dd>
        <dt>Batch ID</dt>
        <dd>
          <code>{batch.batchId}</code>
        </dd>
        <dt>Outcomes</dt>
        <dd data-testid="batch-outcomes">
          {DISCONNECT_OUTCOMES.map((outcome) => `${OUTCOME_WORDS[outcome]}: ${counts.byOutcome[outcome]}`).join(' · ')}
          {counts.byStatus.skipped > 0 ? ` · Skipped: ${counts.byStatus.skipped}` : ''}
          {counts.byStatus.cancelled > 0 ? ` · Not sent (cancelled): ${counts.byStatus.cancelled}` : ''}
        </dd>
      </dl>
    </div>
  );
}
