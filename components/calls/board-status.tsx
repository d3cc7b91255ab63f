import type { BoardSnapshot } from '@/lib/calls/types';
import { formatAgo, formatDuration } from './format';

interface BoardStatusProps {
  readonly snapshot: BoardSnapshot;
  /** Browser milliseconds since this page last got the board. */
  readonly sinceUpdate: number;
  /** The server's current time (epoch ms). */
  readonly now: number;
  readonly refreshing: boolean;
  /** Why the last refresh failed, in words; null when it worked. */
  readonly refreshProblem: string | null;
}

/** "Updated 3 s ago": how fresh the board is, and how fresh the states in it are. */
export function BoardStatus({ snapshot, sinceUpdate, now, refreshing, refreshProblem }: BoardStatusProps) {
  const pollEvery = snapshot.pollIntervalMs > 0 ? formatDuration(snapshot.pollIntervalMs) : null;
  return (
    <div className="board-status" data-testid="board-status">
      <p className="board-status__line" aria-live="off">
        <span data-testid="board-updated">Updated {formatAgo(sinceUpdate)}</span>
        {refreshing ? <span className="muted"> · refreshing…</span> : null}
        <span className="muted">
          {' · '}
          {snapshot.lastPollAt === null
            ? 'waiting for the first status check with the UM service'
            : `states checked with the UM service ${formatAgo(now - snapshot.lastPollAt)}${pollEvery ? `, every ${pollEvery}` : ''}`}
          <span data-testid="board-poller-role">
            {snapshot.pollerLeading ? ' by this console instance' : ' by another console instance'}
          </span>
        </span>
      </p>
      {refreshProblem ? (
        <p className="inline-problem" data-testid="board-refresh-problem">
          The board could not be refreshed: {refreshProblem} It shows what was known {formatAgo(sinceUpdate)}.
        </p>
      ) : null}
    </div>
  );
}
