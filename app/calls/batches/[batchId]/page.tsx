import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BatchRun } from '@/components/calls/batch-run';
import { requireRole } from '@/lib/auth/require-role';
import { hasAnyRole } from '@/lib/auth/roles';
import { getBatch } from '@/lib/calls';
import { getRuntime } from '@/lib/runtime';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Bulk disconnect · UM Call Console' };

/** A bulk disconnect's run: reopen it any time, wherever the run is. */
export default async function BatchPage({ params }: { readonly params: Promise<{ batchId: string }> }) {
  const { batchId } = await params;
  const actor = await requireRole(['viewer'], { page: `/calls/batches/${encodeURIComponent(batchId)}` });
  const { db } = await getRuntime();
  const batch = await getBatch(db, batchId);
  if (!batch) notFound();
  return (
    <div className="page page--wide">
      <PageHeader
        back={{ href: '/calls', label: 'Calls' }}
        title="Bulk disconnect"
        intro="Runs on the server: closing this tab does not stop it, and this page can be reopened at any time."
      />
      <BatchRun initialBatch={batch} canOperate={hasAnyRole(actor.role, ['operator'])} />
    </div>
  );
}
