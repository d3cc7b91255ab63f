import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AuditEventsTable } from '@/components/audit/audit-events-table';
import { AuditFilterForm, type FilterValues } from '@/components/audit/audit-filter-form';
import { AuditPagination } from '@/components/audit/audit-pagination';
import { AuditTabs } from '@/components/audit/audit-tabs';
import { ChainStatus } from '@/components/audit/chain-status';
import { ExportButton } from '@/components/audit/export-button';
import { parseAuditTab, type AuditTab } from '@/components/audit/audit-urls';
import { OwnEntriesNote } from '@/components/audit/own-entries-note';
import { DisconnectAttemptsTable } from '@/components/audit/disconnect-attempts-table';
import { listAuditEvents, listDisconnectAttempts, parseAuditFilter, parseAuditPage, type AuditFilter, type AuditPage } from '@/lib/audit';
import { latestStoredCheckpoint } from '@/lib/audit/chain/checkpoint-store';
import { readVerificationStatus } from '@/lib/audit/integrity/verification-status';
import { flattenSearchParams, withCursor } from '@/lib/audit/search-params';
import type { Actor } from '@/lib/auth/actor';
import { requireRole } from '@/lib/auth/require-role';
import { hasAnyRole } from '@/lib/auth/roles';
import { getRuntime } from '@/lib/runtime';

export const metadata: Metadata = { title: 'Audit log · UM Call Console' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const FILTER_NAMES = ['actor', 'action', 'outcome', 'callId', 'batchId', 'from', 'to', 'q'] as const;

export default async function AuditPage({ searchParams }: { readonly searchParams: SearchParams }) {
  const params = await searchParams;
  const query = withCursor(params, null).toString();
  // Operators may read the log too, limited below to their own entries.
  const actor = await requireRole(['auditor', 'operator'], { page: query ? `/audit?${query}` : '/audit' });
  const ownOnly = !hasAnyRole(actor.role, ['auditor']);
  const tab = parseAuditTab(flattenSearchParams(params).tab);
  const filter = parseAuditFilter(params);
  const page = parseAuditPage(params);
  const flat = flattenSearchParams(params);
  const values = Object.fromEntries(FILTER_NAMES.map((name) => [name, flat[name] ?? ''])) as FilterValues;
  const fieldErrors = { ...(filter.ok ? {} : filter.error.fieldErrors), ...(page.ok ? {} : page.error.fieldErrors) };
  const problems = [filter, page].flatMap((result) => (result.ok ? [] : [result.error.message]));

  return (
    <div className="page page--wide">
      <header className="page-header">
        <h1>Audit log</h1>
        <p className="page-header__intro">
          Who did what, when, and how it ended — newest first. Entries are only ever added, never changed.
        </p>
      </header>
      {ownOnly ? <OwnEntriesNote role={actor.role} /> : <AuditIntegrity canCheckpoint={actor.role === 'admin'} />}
      <AuditTabs tab={tab} searchParams={params} />
      <AuditFilterForm tab={tab} values={values} fieldErrors={fieldErrors} />
      {filter.ok && page.ok ? <ExportButton searchParams={params} withManifests={!ownOnly} /> : null}
      {filter.ok && page.ok ? (
        <AuditResults tab={tab} filter={scopeFilter(filter.data, actor, ownOnly)} page={page.data} searchParams={params} />
      ) : (
        <div className="inline-problem" data-testid="audit-filter-problem">
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
          <p>Nothing is listed until the filter is corrected.</p>
        </div>
      )}
    </div>
  );
}

/** The background verification's latest result and the last checkpoint (auditors and admins). */
async function AuditIntegrity({ canCheckpoint }: { readonly canCheckpoint: boolean }) {
  const { db, config } = await getRuntime();
  const [status, lastCheckpoint] = await Promise.all([readVerificationStatus(db), latestStoredCheckpoint(db)]);
  return <ChainStatus status={status} lastCheckpoint={lastCheckpoint} verifyIntervalMs={config.auditVerifyIntervalMs} canCheckpoint={canCheckpoint} />;
}

function scopeFilter(filter: AuditFilter, actor: Actor, ownOnly: boolean): AuditFilter {
  return ownOnly ? { ...filter, onlyActorId: actor.id } : filter;
}

interface AuditResultsProps {
  readonly tab: AuditTab;
  readonly filter: AuditFilter;
  readonly page: AuditPage;
  readonly searchParams: Record<string, string | string[] | undefined>;
}

async function AuditResults({ tab, filter, page, searchParams }: AuditResultsProps) {
  const { db } = await getRuntime();
  if (tab === 'events') {
    const result = await listAuditEvents(db, filter, page);
    const table = <AuditEventsTable events={result.items} />;
    return <Listing tab={tab} filter={filter} page={page} searchParams={searchParams} result={result} table={table} />;
  }
  const result = await listDisconnectAttempts(db, filter, page);
  const table = <DisconnectAttemptsTable attempts={result.items} />;
  return <Listing tab={tab} filter={filter} page={page} searchParams={searchParams} result={result} table={table} />;
}

interface ListingProps extends AuditResultsProps {
  readonly result: { readonly items: readonly unknown[]; readonly nextCursor: number | null };
  readonly table: ReactNode;
}

function Listing({ tab, filter, page, searchParams, result, table }: ListingProps) {
  const pagination = (
    <AuditPagination searchParams={searchParams} cursor={page.cursor} nextCursor={result.nextCursor} shown={result.items.length} />
  );
  if (result.items.length > 0) {
    return (
      <>
        {table}
        {pagination}
      </>
    );
  }
  const filtered = Object.keys(filter).some((key) => key !== 'onlyActorId');
  return (
    <>
      <p className="empty-state" data-testid="audit-empty">
        {filtered
          ? 'No entries match this filter. Loosen or clear it to see more.'
          : tab === 'events'
            ? 'The audit log has no entries yet.'
            : 'No disconnect has been attempted yet.'}
      </p>
      {page.cursor !== undefined ? pagination : null}
    </>
  );
}
