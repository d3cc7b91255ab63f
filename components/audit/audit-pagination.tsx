import Link from 'next/link';
import type { SearchParamsInput } from '@/lib/audit/search-params';
import { auditPageHref } from './audit-urls';

interface AuditPaginationProps {
  readonly searchParams: SearchParamsInput;
  /** This page starts below this seq; undefined on the newest page. */
  readonly cursor: number | undefined;
  readonly nextCursor: number | null;
  readonly shown: number;
}

/** Keyset pages: "Older entries" carries the cursor, "Newest" goes back to the top; filters stay. */
export function AuditPagination({ searchParams, cursor, nextCursor, shown }: AuditPaginationProps) {
  return (
    <nav className="pagination" aria-label="Audit log pages">
      <p className="pagination__info muted">
        {shown === 1 ? '1 entry' : `${shown} entries`} shown{cursor !== undefined ? ', older than the newest page' : ''}.
      </p>
      <p className="pagination__links">
        {cursor !== undefined ? <Link href={auditPageHref(searchParams, null)}>Newest</Link> : null}
        {nextCursor !== null ? <Link href={auditPageHref(searchParams, nextCursor)}>Older entries</Link> : null}
      </p>
    </nav>
  );
}
