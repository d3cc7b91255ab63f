import type { BoardCounts } from './board-view';

/** The board's numbers in one line: how many calls are up, ended, and need a look. */
export function BoardSummary({ counts, stuckCount }: { readonly counts: BoardCounts; readonly stuckCount: number }) {
  return (
    <ul className="board-summary" aria-label="Call counts" data-testid="board-summary">
      <li>
        <strong>{counts.active}</strong> active
      </li>
      <li>
        <strong>{counts.ended}</strong> ended
      </li>
      <li className={stuckCount > 0 ? 'board-summary__problem' : undefined} data-testid="stuck-summary">
        <strong>{stuckCount}</strong> stuck
      </li>
      <li className={counts.checkProblems > 0 ? 'board-summary__problem' : undefined}>
        <strong>{counts.checkProblems}</strong> with a failed status check
      </li>
      {counts.disconnecting > 0 ? (
        <li>
          <strong>{counts.disconnecting}</strong> being disconnected
        </li>
      ) : null}
    </ul>
  );
}
