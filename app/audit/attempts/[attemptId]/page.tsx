import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AuditEventFields } from '@/components/audit/audit-event-fields';
import { canSeeEntry } from '@/components/audit/can-see-entry';
import { OutcomeTag } from '@/components/audit/outcome-tag';
import { CallRef } from '@/components/audit/call-ref';
import { StatusTag } from '@/components/ui/status-tag';
import { getAttempt } from '@/lib/audit';
import { requireRole } from '@/lib/auth/require-role';
import { getRuntime } from '@/lib/runtime';

export const metadata: Metadata = { title: 'Disconnect attempt · UM Call Console' };

/** A disconnect attempt: its request (or refusal) and its completion, every stored field of each. */
export default async function AttemptPage({ params }: { readonly params: Promise<{ attemptId: string }> }) {
  const { attemptId } = await params;
  const viewer = await requireRole(['auditor', 'operator'], { page: `/audit/attempts/${encodeURIComponent(attemptId)}` });
  const { db } = await getRuntime();
  const attempt = attemptId.length <= 100 ? await getAttempt(db, attemptId) : null;
  if (!attempt || !canSeeEntry(viewer, attempt.requested)) notFound();
  const { requested, completed } = attempt;

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href="/audit">Audit log</Link>
      </p>
      <h1>Disconnect attempt</h1>
      <section className="panel" aria-labelledby="attempt-summary-heading">
        <h2 id="attempt-summary-heading">Summary</h2>
        <dl className="facts">
          <dt>Call</dt>
          <dd>
            <CallRef callId={requested.targetCallId} label={attempt.callLabel} />
          </dd>
          <dt>Outcome</dt>
          <dd data-testid="attempt-outcome">
            {attempt.status === 'in-progress' ? (
              <StatusTag tone="pending">In progress — no result recorded yet</StatusTag>
            ) : (
              <OutcomeTag outcome={attempt.outcome} />
            )}
          </dd>
          <dt>Attempt ID</dt>
          <dd>
            <code>{attempt.attemptId}</code>
          </dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="attempt-request-heading">
        <h2 id="attempt-request-heading">{requested.action === 'disconnect.denied' ? 'Refusal' : 'Request'}</h2>
        <AuditEventFields event={requested} callLabel={attempt.callLabel} />
      </section>
      {completed ? (
        <section className="panel" aria-labelledby="attempt-completion-heading">
          <h2 id="attempt-completion-heading">Completion</h2>
          <AuditEventFields event={completed} callLabel={attempt.callLabel} />
        </section>
      ) : null}
    </div>
  );
}
