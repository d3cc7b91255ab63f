import type { Metadata } from 'next';
import { requireRole } from '@/lib/auth/require-role';
import { getStuckRules } from '@/lib/calls';
import { getRuntime } from '@/lib/runtime';
import { StuckRulesForm } from './stuck-rules-form';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Stuck-call rules · Settings · UM Call Console' };

/** Administrators set when a call counts as stuck; the board's badges and filter follow. */
export default async function StuckRulesPage() {
  await requireRole(['admin'], { page: '/settings/stuck-rules' });
  const { db } = await getRuntime();
  const rules = await getStuckRules(db);
  return (
    <div className="page">
      <PageHeader
        back={{ href: '/settings', label: 'Settings' }}
        title="Stuck-call rules"
        intro={
          <>
            A call counts as stuck when any of these fires. The board marks it with the rule that fired and the &ldquo;Stuck
            only&rdquo; filter shows it.
          </>
        }
      />
      <StuckRulesForm rules={rules} />
    </div>
  );
}
