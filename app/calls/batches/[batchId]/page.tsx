import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BatchRun } from '@/components/calls/batch-run';
import { requireRole } from '@/lib/auth/require-role';
import { hasAnyRole } from '@/lib/auth/roles';
import { getBatch } from '@/lib/calls';
import { getRuntime } from '@/lib/runtime';

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
      <p className="breadcrumb">
        <Link href="/calls">← Calls</Link>
      </p>
      <header className="page-header">
        <h1>Bulk disconnect</h1>
        <p className="page-header__intro">
          Runs on the server: closing this tab does not stop it, and this page can be reopened at any time.
        </p>
      </header>
      <BatchRun initialBatch={batch} canOperate={hasAnyRole(actor.role, ['operator'])} />
    </div>
  );
}
