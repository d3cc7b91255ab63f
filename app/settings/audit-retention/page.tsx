import type { Metadata } from 'next';
import { IsoTime } from '@/components/iso-time';
import { PageHeader } from '@/components/ui/page-header';
import { getAuditRetention, MAX_RETENTION_DAYS } from '@/lib/audit/retention/retention-setting';
import { requireRole } from '@/lib/auth/require-role';
import { getRuntime } from '@/lib/runtime';
import { AuditRetentionForm } from './audit-retention-form';

export const metadata: Metadata = { title: 'Audit retention · Settings · UM Call Console' };

/** Administrators set how long audit events are kept; the daily prune follows. */
export default async function AuditRetentionPage() {
  await requireRole(['admin'], { page: '/settings/audit-retention' });
  const { db } = await getRuntime();
  const [retention, oldest] = await Promise.all([
    getAuditRetention(db),
    db.selectFrom('audit_events').select(['seq', 'at']).orderBy('seq', 'asc').limit(1).executeTakeFirst(),
  ]);
  return (
    <div className="page">
      <PageHeader
        back={{ href: '/settings', label: 'Settings' }}
        title="Audit retention"
        intro={
          <>
            Once a day the console removes audit events older than this, a whole segment at a time: everything up to the newest signed
            checkpoint whose entries are all older. A disconnect request still waiting for its outcome is never removed. The log stays
            verifiable from the first entry kept.
          </>
        }
      />
      <p className="muted" data-testid="audit-oldest">
        {oldest ? (
          <>
            The oldest entry kept is seq {Number(oldest.seq)}, from <IsoTime value={new Date(Number(oldest.at)).toISOString()} />.
          </>
        ) : (
          'The audit log has no entries yet.'
        )}
      </p>
      <AuditRetentionForm days={retention.days} maxDays={MAX_RETENTION_DAYS} />
    </div>
  );
}
