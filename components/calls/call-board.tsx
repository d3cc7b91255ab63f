'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { BoardSnapshot, CallRow, CallView } from '@/lib/calls/types';
import { boardQueryOptions, describeBoardError } from './board-query';
import { BoardStatus } from './board-status';
import { BoardSummary } from './board-summary';
import { countCalls, filterCalls } from './board-view';
import { BoardViewTabs } from './board-view-tabs';
import { CallTable } from './call-table';
import { DisconnectDialog } from './disconnect-dialog';
import { UmUnreachableBanner } from './um-unreachable-banner';
import { useClock } from './use-clock';

export interface CallBoardProps {
  /** Rendered on the server, so the page shows the calls before any script runs. */
  readonly initialSnapshot: BoardSnapshot;
  readonly view: CallView;
  readonly canOperate: boolean;
  readonly verifyTimeoutMs: number;
}

/** The live board: polls GET /api/board, filters by view, and opens the disconnect dialog. */
export function CallBoard({ initialSnapshot, view, canOperate, verifyTimeoutMs }: CallBoardProps) {
  const query = useQuery({
    ...boardQueryOptions(initialSnapshot.pollIntervalMs),
    initialData: initialSnapshot,
    initialDataUpdatedAt: initialSnapshot.generatedAt,
  });
  const snapshot = query.data;
  const clock = useClock();
  // Relative times use the server's clock, moved on by the browser's: a skewed PC clock cannot
  // make a call look stuck for hours. Before hydration both equal the server's render time.
  const now = clock === null ? snapshot.generatedAt : snapshot.generatedAt + (clock - query.dataUpdatedAt);
  const sinceUpdate = clock === null ? 0 : clock - query.dataUpdatedAt;

  const [selection, setSelection] = useState<CallRow | null>(null);
  // The dialog follows the live row; a row that vanished keeps its last known values.
  const selected = selection ? (snapshot.calls.find((call) => call.callId === selection.callId) ?? selection) : null;

  const counts = countCalls(snapshot.calls);
  return (
    <section className="board" aria-label="Call board" data-testid="call-board">
      <BoardSummary counts={counts} />
      <UmUnreachableBanner um={snapshot.um} now={now} />
      <div className="board__bar">
        <BoardViewTabs view={view} counts={counts} />
        <BoardStatus
          snapshot={snapshot}
          now={now}
          sinceUpdate={sinceUpdate}
          refreshing={query.isFetching}
          refreshProblem={query.isError ? describeBoardError(query.error) : null}
        />
      </div>
      <CallTable
        calls={filterCalls(snapshot.calls, view)}
        view={view}
        now={now}
        canOperate={canOperate}
        onDisconnect={setSelection}
      />
      {canOperate ? (
        <DisconnectDialog
          call={selected}
          now={now}
          verifyTimeoutMs={verifyTimeoutMs}
          onClose={() => setSelection(null)}
        />
      ) : null}
    </section>
  );
}
