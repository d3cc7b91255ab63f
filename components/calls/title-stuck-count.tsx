'use client';

import type { BoardSnapshot } from '@/lib/calls/types';
import { useBoardSnapshot } from './use-board-snapshot';

/** "(3 stuck)" beside the page's heading, from the same polled snapshot as the board. */
export function TitleStuckCount({ initialSnapshot, stuckOnly }: { readonly initialSnapshot: BoardSnapshot; readonly stuckOnly: boolean }) {
  const { stuckCount } = useBoardSnapshot(initialSnapshot, stuckOnly);
  if (stuckCount === 0) return null;
  return (
    <span className="page-header__count" data-testid="title-stuck-count">
      ({stuckCount} stuck)
    </span>
  );
}
