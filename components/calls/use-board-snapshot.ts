'use client';

import { useQuery } from '@tanstack/react-query';
import { evaluateStuck } from '@/lib/calls/stuck/evaluate-stuck';
import type { BoardSnapshot } from '@/lib/calls/types';
import { boardQueryOptions } from './board-query';
import { useClock } from './use-clock';

/**
 * The polled board, its "now" on the server's clock, and the stuck count at that now. Shared by
 * the board and the heading's count (one query, one cache entry).
 */
export function useBoardSnapshot(initialSnapshot: BoardSnapshot, stuckOnly: boolean) {
  const query = useQuery({
    ...boardQueryOptions(initialSnapshot.pollIntervalMs, stuckOnly),
    initialData: initialSnapshot,
    initialDataUpdatedAt: initialSnapshot.generatedAt,
  });
  const snapshot = query.data;
  const clock = useClock();
  // Relative times use the server's clock, moved on by the browser's: a skewed PC clock cannot
  // make a call look stuck for hours. Before hydration both equal the server's render time.
  const now = clock === null ? snapshot.generatedAt : snapshot.generatedAt + (clock - query.dataUpdatedAt);
  const sinceUpdate = clock === null ? 0 : clock - query.dataUpdatedAt;
  // Unfiltered, the snapshot holds every active call: count at `now`, so a call that passes a
  // threshold between refreshes is counted at once. Filtered, only the server knows the rest.
  const stuckCount = stuckOnly
    ? snapshot.stuckCount
    : snapshot.calls.filter((call) => evaluateStuck(call, snapshot.stuckRules, now) !== null).length;
  return { query, snapshot, now, sinceUpdate, stuckCount };
}
