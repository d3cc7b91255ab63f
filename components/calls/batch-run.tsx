'use client';

import { useQuery } from '@tanstack/react-query';
import type { Batch } from '@/lib/calls/bulk/batch-types';
import { BatchControls } from './batch-controls';
import { BatchItemsTable } from './batch-items-table';
import { batchQueryOptions, describeBatchError } from './batch-query';
import { BatchSummaryPanel } from './batch-summary-panel';

/** A bulk run's live progress: polled while it runs, with its controls and every call's result. */
export function BatchRun({ initialBatch, canOperate }: { readonly initialBatch: Batch; readonly canOperate: boolean }) {
  const query = useQuery({ ...batchQueryOptions(initialBatch.batchId), initialData: initialBatch, initialDataUpdatedAt: initialBatch.updatedAt });
  const batch = query.data;
  return (
    <section className="batch-run" aria-label="Bulk disconnect run" data-testid="batch-run" data-status={batch.status}>
      <BatchSummaryPanel batch={batch} />
      {query.isError ? (
        <p className="form-problem" role="status">
          {describeBatchError(query.error)}
        </p>
      ) : null}
      <div className="batch-run__actions">
        {canOperate ? <BatchControls batch={batch} /> : null}
        <a className="button" href={`/calls/batches/${encodeURIComponent(batch.batchId)}/results.csv`} download>
          Download CSV
        </a>
      </div>
      <BatchItemsTable items={batch.items} />
    </section>
  );
}
