import { queryOptions } from '@tanstack/react-query';
import type { Batch } from '@/lib/calls/bulk/batch-types';

// A bulk run's progress as the browser polls it. No server-only imports: bundled for the browser.

export const batchQueryKey = (batchId: string) => ['batch', batchId] as const;

export class BatchFetchError extends Error {}

const PROBLEMS: Readonly<Record<number, string>> = {
  401: 'You are signed out, so the progress no longer updates. Reload the page to sign in again.',
  403: 'Your role no longer allows you to see this bulk disconnect.',
  404: 'This bulk disconnect is no longer known to the console.',
};

async function fetchBatch(batchId: string, signal: AbortSignal): Promise<Batch> {
  let response: Response;
  try {
    response = await fetch(`/api/board/batches/${encodeURIComponent(batchId)}`, { signal, cache: 'no-store', headers: { accept: 'application/json' } });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new BatchFetchError('The console did not answer; check the network connection. The run goes on on the server.');
  }
  if (!response.ok) throw new BatchFetchError(PROBLEMS[response.status] ?? 'The console could not read the progress just now. The run goes on on the server.');
  return (await response.json()) as Batch;
}

/** Polled every second while any call is in flight; a run that is over is not asked again. */
export function batchQueryOptions(batchId: string) {
  return queryOptions({
    queryKey: batchQueryKey(batchId),
    queryFn: ({ signal }) => fetchBatch(batchId, signal),
    // After a Cancel or a pause the call in flight still finishes: keep asking until it has.
    refetchInterval: (query) => {
      const batch = query.state.data;
      return batch && (batch.status === 'running' || batch.counts.byStatus.running > 0) ? 1000 : false;
    },
    refetchIntervalInBackground: false,
    staleTime: 500,
    retry: 1,
  });
}

export function describeBatchError(error: unknown): string {
  return error instanceof BatchFetchError ? error.message : 'The console could not read the progress just now. The run goes on on the server.';
}
