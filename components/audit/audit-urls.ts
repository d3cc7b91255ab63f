import { withCursor, type SearchParamsInput } from '@/lib/audit/search-params';

export type AuditTab = 'disconnects' | 'events';

export const AUDIT_TAB_LABELS: Record<AuditTab, string> = { disconnects: 'Disconnects', events: 'All events' };

/** `tab=events` shows every event; anything else the disconnect attempts. */
export function parseAuditTab(value: unknown): AuditTab {
  return value === 'events' ? 'events' : 'disconnects';
}

function href(params: URLSearchParams): string {
  const query = params.toString();
  return query ? `/audit?${query}` : '/audit';
}

/** The same filters on the other tab, from its newest entries. */
export function auditTabHref(searchParams: SearchParamsInput, tab: AuditTab): string {
  const params = withCursor(searchParams, null);
  if (tab === 'events') params.set('tab', 'events');
  else params.delete('tab');
  return href(params);
}

/** The same filters and tab, from `cursor` on (null: the newest entries). */
export function auditPageHref(searchParams: SearchParamsInput, cursor: number | null): string {
  return href(withCursor(searchParams, cursor));
}

/** The same tab without any filter. */
export function auditClearHref(tab: AuditTab): string {
  return tab === 'events' ? '/audit?tab=events' : '/audit';
}
