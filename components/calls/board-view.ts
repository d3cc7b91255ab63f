import type { CallRow, CallView } from '@/lib/calls/types';

export const CALL_VIEWS: readonly CallView[] = ['active', 'ended', 'all'];

export const CALL_VIEW_LABELS: Record<CallView, string> = { active: 'Active', ended: 'Ended', all: 'All' };

/** The `view` search parameter; anything unknown shows the default, the active calls. */
export function parseCallView(value: unknown): CallView {
  return typeof value === 'string' && (CALL_VIEWS as readonly string[]).includes(value) ? (value as CallView) : 'active';
}

/** The board page's address for a view; the default view has the plain address. */
export function callViewHref(view: CallView): string {
  return view === 'active' ? '/calls' : `/calls?view=${view}`;
}

export function filterCalls(calls: readonly CallRow[], view: CallView): readonly CallRow[] {
  if (view === 'all') return calls;
  return calls.filter((call) => (view === 'ended' ? call.ended : !call.ended));
}

export interface BoardCounts {
  readonly active: number;
  readonly ended: number;
  /** Active calls whose last status check failed. */
  readonly checkProblems: number;
  readonly disconnecting: number;
}

export function countCalls(calls: readonly CallRow[]): BoardCounts {
  let active = 0;
  let checkProblems = 0;
  let disconnecting = 0;
  for (const call of calls) {
    if (call.ended) continue;
    active += 1;
    if (call.lastError !== null) checkProblems += 1;
    if (call.disconnectInProgress) disconnecting += 1;
  }
  return { active, ended: calls.length - active, checkProblems, disconnecting };
}
