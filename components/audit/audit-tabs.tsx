import Link from 'next/link';
import type { SearchParamsInput } from '@/lib/audit/search-params';
import { AUDIT_TAB_LABELS, auditTabHref, type AuditTab } from './audit-urls';

const TABS: readonly AuditTab[] = ['disconnects', 'events'];

/** Disconnect attempts or every event; the filters carry over. */
export function AuditTabs({ tab, searchParams }: { readonly tab: AuditTab; readonly searchParams: SearchParamsInput }) {
  return (
    <nav className="view-tabs" aria-label="What to list">
      {TABS.map((option) => (
        <Link
          key={option}
          href={auditTabHref(searchParams, option)}
          className="view-tabs__tab"
          aria-current={option === tab ? 'page' : undefined}
        >
          {AUDIT_TAB_LABELS[option]}
        </Link>
      ))}
    </nav>
  );
}
