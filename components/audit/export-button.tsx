import { readAuditHeadSeq } from '@/lib/audit/export/pin-export';
import { withCursor, type SearchParamsInput } from '@/lib/audit/search-params';
import { getRuntime } from '@/lib/runtime';

interface ExportButtonProps {
  /** The audit page's search params: its tab and filters (the cursor is dropped: the export is the whole view). */
  readonly searchParams: SearchParamsInput;
  /** Offer the signed manifests (auditors and administrators; an operator's export is only their own entries). */
  readonly withManifests: boolean;
}

type Format = 'csv' | 'ndjson';

function exportHref(searchParams: SearchParamsInput, format: Format, through: number, manifest: boolean): string {
  const params = withCursor(searchParams, null);
  params.delete('limit');
  params.set('format', format);
  // Pinned to the head as the page was shown, so the file and its manifest hold the same rows
  // however many entries are written between the two downloads.
  if (through > 0) params.set('through', String(through));
  return `${manifest ? '/audit/export/manifest' : '/audit/export'}?${params.toString()}`;
}

/**
 * "Export CSV" downloads exactly the filtered view (every page of it, not only this one);
 * "Export NDJSON" the same rows as JSON lines; each has a signed manifest beside it for an offline check.
 * Plain links: the download needs no script.
 */
export async function ExportButton({ searchParams, withManifests }: ExportButtonProps) {
  const { db } = await getRuntime();
  const through = await readAuditHeadSeq(db);
  const link = (format: Format, manifest: boolean) => exportHref(searchParams, format, through, manifest);
  return (
    <div className="audit-export" data-testid="audit-export">
      <p>
        <a className="button button--small" href={link('csv', false)} download>
          Export CSV
        </a>{' '}
        {withManifests ? (
          <>
            <a className="button button--small button--quiet" href={link('csv', true)} download>
              CSV manifest
            </a>{' '}
          </>
        ) : null}
        <a className="button button--small button--quiet" href={link('ndjson', false)} download>
          Export NDJSON
        </a>
        {withManifests ? (
          <>
            {' '}
            <a className="button button--small button--quiet" href={link('ndjson', true)} download>
              NDJSON manifest
            </a>
          </>
        ) : null}
      </p>
      {withManifests ? (
        <p className="audit-export__note" data-testid="audit-export-note">
          Exports hold the entries up to seq {through}, the newest when this page was shown. Each manifest is signed
          by the console; check a file against it with <code>npm run --silent admin -- verify-export &lt;file&gt; &lt;manifest&gt;</code>.
        </p>
      ) : null}
    </div>
  );
}
