'use client';

import { useRouter } from 'next/navigation';
import { useOptimistic, useTransition } from 'react';
import type { CallView } from '@/lib/calls/types';
import { callViewHref } from './board-view';

/** "Stuck only": a checkbox that moves the filter into the URL (?stuck=1), so it can be shared. */
export function StuckFilterToggle({ view, stuckOnly, stuckCount }: { readonly view: CallView; readonly stuckOnly: boolean; readonly stuckCount: number }) {
  const router = useRouter();
  // Ticked at once; the URL (and the list) follow when the navigation completes.
  const [checked, setChecked] = useOptimistic(stuckOnly);
  const [pending, startTransition] = useTransition();
  return (
    <label className="stuck-filter" aria-busy={pending || undefined}>
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => {
          const next = event.target.checked;
          startTransition(() => {
            setChecked(next);
            router.push(callViewHref(view, next), { scroll: false });
          });
        }}
      />
      Stuck only <span className="view-tabs__count">({stuckCount})</span>
    </label>
  );
}
