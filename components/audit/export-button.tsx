import { withCursor, type SearchParamsInput } from '@/lib/audit/search-params';

interface ExportButtonProps {
  /** The audit page's search params: its tab and filters (the cursor is dropped: the export is the whole view). */
  readonly searchParams: SearchParamsInput;
}

function exportHref(searchParams: SearchParamsInput, format: 'csv' | 'ndjson'): string {
  const params = withCursor(searchParams, null);
  params.delete('limit');
  params.set('format', format);
  return `/audit/export?${params.toString()}`;
}

/**
 * "Export" downloads exactly the filtered view as CSV (every page of it, not only this one);
 * "NDJSON" the same rows as JSON lines. Plain links: the download needs no script.
 */
export function ExportButton({ searchParams }: ExportButtonProps) {
  return (
    <p className="audit-export">
      <a className="button button--small" href={exportHref(searchParams, 'csv')} download>
        Export
      </a>{' '}
      <a className="button button--small button--quiet" href={exportHref(searchParams, 'ndjson')} download aria-label="Export as NDJSON">
        NDJSON
      </a>
    </p>
  );
}
