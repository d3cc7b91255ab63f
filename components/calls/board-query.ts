import { queryOptions } from '@tanstack/react-query';
import type { BoardSnapshot } from '@/lib/calls/types';

// The board's one resource, as the browser fetches it. No server-only imports: this module is
// bundled for the browser.

export const BOARD_QUERY_KEY = ['board'] as const;

/** The board route answers with every call (the view is applied in the browser), or only the stuck ones. */
function boardUrl(stuckOnly: boolean): string {
  return stuckOnly ? '/api/board?view=all&stuck=1' : '/api/board?view=all';
}

export type BoardFetchProblem = 'signed-out' | 'forbidden' | 'server' | 'network';

export class BoardFetchError extends Error {
  constructor(
    readonly problem: BoardFetchProblem,
    message: string,
  ) {
    super(message);
    this.name = 'BoardFetchError';
  }
}

const MESSAGES: Record<BoardFetchProblem, string> = {
  'signed-out': 'You are signed out, so the board no longer updates. Reload the page to sign in again.',
  forbidden: 'Your role no longer allows you to see the call board.',
  server: 'The console could not read the call board just now.',
  network: 'The console did not answer; check the network connection.',
};

async function fetchBoard(signal: AbortSignal, stuckOnly: boolean): Promise<BoardSnapshot> {
  let response: Response;
  try {
    response = await fetch(boardUrl(stuckOnly), { signal, cache: 'no-store', headers: { accept: 'application/json' } });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new BoardFetchError('network', MESSAGES.network);
  }
  if (response.status === 401) throw new BoardFetchError('signed-out', MESSAGES['signed-out']);
  if (response.status === 403) throw new BoardFetchError('forbidden', MESSAGES.forbidden);
  if (!response.ok) throw new BoardFetchError('server', MESSAGES.server);
  return (await response.json()) as BoardSnapshot;
}

/** How often the browser asks: about as often as the server's poller refreshes, never faster than 1 s. */
export function boardRefetchMs(pollIntervalMs: number): number {
  return Math.min(Math.max(pollIntervalMs || 5000, 1000), 60_000);
}

export function boardQueryOptions(pollIntervalMs: number, stuckOnly = false) {
  const interval = boardRefetchMs(pollIntervalMs);
  return queryOptions({
    queryKey: [...BOARD_QUERY_KEY, stuckOnly ? 'stuck' : 'all'] as const,
    queryFn: ({ signal }) => fetchBoard(signal, stuckOnly),
    refetchInterval: interval,
    // A hidden tab stops asking; it catches up when it is shown again (refetchOnWindowFocus).
    refetchIntervalInBackground: false,
    staleTime: interval / 2,
    // One quick retry for a hiccup; a signed-out or forbidden answer will not change by asking again.
    retry: (failures, error) => failures < 1 && !(error instanceof BoardFetchError && (error.problem === 'signed-out' || error.problem === 'forbidden')),
  });
}

export function describeBoardError(error: unknown): string {
  return error instanceof BoardFetchError ? error.message : MESSAGES.server;
}
