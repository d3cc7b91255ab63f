import Link from 'next/link';
import type { CallView } from '@/lib/calls/types';
import { CALL_VIEW_LABELS, CALL_VIEWS, callViewHref, type BoardCounts } from './board-view';

function countFor(view: CallView, counts: BoardCounts): number {
  return view === 'active' ? counts.active : view === 'ended' ? counts.ended : counts.active + counts.ended;
}

interface BoardViewTabsProps {
  readonly view: CallView;
  readonly counts: BoardCounts;
  /** Kept when switching views: the filter combines with any of them. */
  readonly stuckOnly: boolean;
}

/** Active / Ended / All, each a link so the view lives in the URL and can be shared. */
export function BoardViewTabs({ view, counts, stuckOnly }: BoardViewTabsProps) {
  return (
    <nav className="view-tabs" aria-label="Which calls to show">
      {CALL_VIEWS.map((option) => (
        <Link
          key={option}
          href={callViewHref(option, stuckOnly)}
          scroll={false}
          className="view-tabs__tab"
          aria-current={option === view ? 'page' : undefined}
        >
          {CALL_VIEW_LABELS[option]} <span className="view-tabs__count">({countFor(option, counts)})</span>
        </Link>
      ))}
    </nav>
  );
}
