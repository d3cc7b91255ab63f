'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { BoardSnapshot } from '@/lib/calls/types';
import { BOARD_QUERY_KEY } from './board-query';

/**
 * The header's "Calls (N stuck)". The server counts at each navigation; while a page polls the
 * board (the calls page), every newer snapshot replaces that count, so the header and the board
 * never disagree for longer than one refresh.
 */
export function NavCallsLabel({ label, stuckCount, countedAt }: { readonly label: string; readonly stuckCount: number; readonly countedAt: number }) {
  const client = useQueryClient();
  const [polled, setPolled] = useState<{ readonly stuckCount: number; readonly at: number } | null>(null);
  useEffect(
    () =>
      client.getQueryCache().subscribe((event) => {
        if (event.type !== 'updated' || event.query.queryKey[0] !== BOARD_QUERY_KEY[0]) return;
        const snapshot = event.query.state.data as BoardSnapshot | undefined;
        if (snapshot) setPolled({ stuckCount: snapshot.stuckCount, at: snapshot.generatedAt });
      }),
    [client],
  );
  // Whichever was counted last: a navigation's count is newer than a snapshot from before it.
  const count = polled !== null && polled.at > countedAt ? polled.stuckCount : stuckCount;
  return (
    <>
      {label}
      {count > 0 ? <span data-testid="nav-stuck-count"> ({count} stuck)</span> : null}
    </>
  );
}
