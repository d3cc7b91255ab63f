import Link from 'next/link';

/** "Batch 3f2c9a1e…": the attempt was part of a bulk disconnect; the link filters the log by it. */
export function BatchRef({ batchId }: { readonly batchId: string }) {
  return (
    <span className="stacked__sub batch-ref">
      <Link href={`/audit?batchId=${encodeURIComponent(batchId)}`} title={`Batch ${batchId}: show all its attempts`} data-testid="batch-ref">
        Batch {batchId.slice(0, 8)}…
      </Link>{' '}
      (<Link href={`/calls/batches/${encodeURIComponent(batchId)}`}>run</Link>)
    </span>
  );
}
