import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AuditEventFields } from '@/components/audit/audit-event-fields';
import { ACTION_WORDS } from '@/components/audit/audit-words';
import { canSeeEntry } from '@/components/audit/can-see-entry';
import { getAuditEvent } from '@/lib/audit';
import { requireRole } from '@/lib/auth/require-role';
import { getRuntime } from '@/lib/runtime';

export const metadata: Metadata = { title: 'Audit entry · UM Call Console' };

/** One audit event with every stored field. */
export default async function AuditEventPage({ params }: { readonly params: Promise<{ seq: string }> }) {
  const { seq } = await params;
  const viewer = await requireRole(['auditor', 'operator'], { page: `/audit/${encodeURIComponent(seq)}` });
  const { db } = await getRuntime();
  const event = /^\d{1,15}$/.test(seq) ? await getAuditEvent(db, Number(seq)) : null;
  // Someone else's entry is as absent for an operator as one that does not exist.
  if (!event || !canSeeEntry(viewer, event)) notFound();

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href="/audit?tab=events">Audit log</Link>
      </p>
      <h1>
        Audit entry {event.seq}: {ACTION_WORDS[event.action] ?? event.action}
      </h1>
      <section className="panel" aria-label="Stored fields">
        <AuditEventFields event={event} callLabel={event.callLabel} />
      </section>
    </div>
  );
}
