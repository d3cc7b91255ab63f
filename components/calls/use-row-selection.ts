'use client';

import { useMemo, useState } from 'react';
import type { CallRow } from '@/lib/calls/types';

export interface RowSelectionState {
  /** Ticked CallIds that are still active on the board. */
  readonly selected: ReadonlySet<string>;
  /** "Select all N matching this filter": the server picks the calls by the filter when the run starts. */
  readonly allMatching: boolean;
  readonly toggle: (callId: string, on: boolean) => void;
  readonly toggleAll: (on: boolean) => void;
  readonly selectAllMatching: () => void;
  readonly clear: () => void;
}

/** The board's checkboxes. Calls that ended or left the view drop out of the selection by themselves. */
export function useRowSelection(shown: readonly CallRow[]): RowSelectionState {
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const active = useMemo(() => shown.filter((call) => !call.ended).map((call) => call.callId), [shown]);
  const selected = useMemo(() => {
    if (allMatching) return new Set(active);
    return new Set(active.filter((id) => ticked.has(id)));
  }, [active, ticked, allMatching]);

  return {
    selected,
    allMatching,
    toggle: (callId, on) => {
      // Unticking one row leaves "all matching": the rest stay ticked, one by one.
      const next = new Set(selected);
      if (on) next.add(callId);
      else next.delete(callId);
      setAllMatching(false);
      setTicked(next);
    },
    toggleAll: (on) => {
      setAllMatching(false);
      setTicked(on ? new Set(active) : new Set());
    },
    selectAllMatching: () => setAllMatching(true),
    clear: () => {
      setAllMatching(false);
      setTicked(new Set());
    },
  };
}
