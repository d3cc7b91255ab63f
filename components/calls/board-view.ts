import type { CallRow, CallView } from '@/lib/calls/types';

export const CALL_VIEWS: readonly CallView[] = ['active', 'ended', 'all'];

export const CALL_VIEW_LABELS: Record<CallView, string> = { active: 'Active', ended: 'Ended', all: 'All' };

/** The `view` search parameter; anything unknown shows the default, the active calls. */
export function parseCallView(value: unknown): CallView {
  return typeof value === 'string' && (CALL_VIEWS as readonly string[]).includes(value) ? (value as CallView) : 'active';
}

/** The `stuck` search parameter: "1" keeps the stuck calls only. */
export function parseStuckOnly(value: unknown): boolean {
  return value === '1';
}

/** The board page's address for a view and the "Stuck only" filter; the defaults leave the plain address. */
export function callViewHref(view: CallView, stuckOnly = false): string {
  const params = new URLSearchParams();
  if (view !== 'active') params.set('view', view);
  if (stuckOnly) params.set('stuck', '1');
  const query = params.toString();
  return query ? `/calls?${query}` : '/calls';
}

/** Where a call's timeline lives; the CallId is one URL-encoded path segment. */
export function callTimelineHref(callId: string): string {
  return `/calls/${encodeURIComponent(callId)}`;
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

/** "(3 stuck) Calls · UM Call Console": the tab shows the count before the page's name. */
export function boardDocumentTitle(stuckCount: number): string {
  return stuckCount > 0 ? `(${stuckCount} stuck) Calls · UM Call Console` : 'Calls · UM Call Console';
}
