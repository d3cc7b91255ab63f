'use client';

import { useEffect, useState } from 'react';
import type { BulkSelectionInput } from '@/lib/actions/batches/batch-action-types';
import type { BoardSnapshot, CallRow, CallView } from '@/lib/calls/types';
import { describeBoardError } from './board-query';
import { BoardStatus } from './board-status';
import { BoardSummary } from './board-summary';
import { boardDocumentTitle, countCalls, filterCalls } from './board-view';
import { BoardViewTabs } from './board-view-tabs';
import { BulkBar } from './bulk-bar';
import { BulkDisconnectDialog } from './bulk-disconnect-dialog';
import { CallTable } from './call-table';
import { DisconnectDialog } from './disconnect-dialog';
import { StuckFilterToggle } from './stuck-filter-toggle';
import { UmUnreachableBanner } from './um-unreachable-banner';
import { useBoardSnapshot } from './use-board-snapshot';
import { useRowSelection } from './use-row-selection';

export interface CallBoardProps {
  /** Rendered on the server, so the page shows the calls before any script runs. */
  readonly initialSnapshot: BoardSnapshot;
  readonly view: CallView;
  readonly stuckOnly: boolean;
  readonly canOperate: boolean;
  readonly verifyTimeoutMs: number;
}

/** The live board: polls GET /api/board, filters by view, selects calls for bulk disconnect, opens the dialogs. */
export function CallBoard({ initialSnapshot, view, stuckOnly, canOperate, verifyTimeoutMs }: CallBoardProps) {
  const { query, snapshot, now, sinceUpdate, stuckCount } = useBoardSnapshot(initialSnapshot, stuckOnly);

  const [selection, setSelection] = useState<CallRow | null>(null);
  // The dialog follows the live row; a row that vanished keeps its last known values.
  const selected = selection ? (snapshot.calls.find((call) => call.callId === selection.callId) ?? selection) : null;
  const shown = filterCalls(snapshot.calls, view);
  const rows = useRowSelection(shown);
  const [bulk, setBulk] = useState<BulkSelectionInput | null>(null);

  useEffect(() => {
    document.title = boardDocumentTitle(stuckCount);
  }, [stuckCount]);

  const counts = countCalls(snapshot.calls);
  return (
    <section className="board" aria-label="Call board" data-testid="call-board">
      <BoardSummary counts={counts} stuckCount={stuckCount} />
      <UmUnreachableBanner um={snapshot.um} now={now} />
      <div className="board__bar">
        <BoardViewTabs view={view} counts={counts} stuckOnly={stuckOnly} />
        <StuckFilterToggle view={view} stuckOnly={stuckOnly} stuckCount={stuckCount} />
        <BoardStatus
          snapshot={snapshot}
          now={now}
          sinceUpdate={sinceUpdate}
          refreshing={query.isFetching}
          refreshProblem={query.isError ? describeBoardError(query.error) : null}
        />
      </div>
      {canOperate && view !== 'ended' ? (
        <BulkBar
          selectedCount={rows.selected.size}
          allMatching={rows.allMatching}
          matchingCount={counts.active}
          stuckOnly={stuckOnly}
          onSelectAllMatching={rows.selectAllMatching}
          onClear={rows.clear}
          onDisconnect={() => setBulk(rows.allMatching ? { filter: { stuckOnly } } : { callIds: [...rows.selected] })}
        />
      ) : null}
      <CallTable
        calls={shown}
        view={view}
        stuckOnly={stuckOnly}
        now={now}
        rules={snapshot.stuckRules}
        canOperate={canOperate}
        selection={canOperate ? rows : null}
        onDisconnect={setSelection}
      />
      {canOperate ? (
        <>
          <DisconnectDialog call={selected} now={now} verifyTimeoutMs={verifyTimeoutMs} onClose={() => setSelection(null)} />
          <BulkDisconnectDialog selection={bulk} onClose={() => setBulk(null)} />
        </>
      ) : null}
    </section>
  );
}
