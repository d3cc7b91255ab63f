import type { Metadata } from 'next';
import Link from 'next/link';
import { requireRole } from '@/lib/auth/require-role';

export const metadata: Metadata = { title: 'Settings · UM Call Console' };

const SECTIONS = [
  { href: '/settings/tokens', label: 'API tokens', about: 'Create and revoke the tokens scripts use for the REST API (/api/v1).' },
  { href: '/settings/stuck-rules', label: 'Stuck-call rules', about: 'When a call counts as stuck: the thresholds behind the board’s badges and “Stuck only” filter.' },
  { href: '/settings/audit-retention', label: 'Audit retention', about: 'How long audit events are kept before the daily run removes them (by default, forever).' },
] as const;

/** The index of settings sections; administrators only. */
export default async function SettingsPage() {
  await requireRole(['admin'], { page: '/settings' });
  return (
    <div className="page">
      <header className="page-header">
        <h1>Settings</h1>
      </header>
      <ul className="settings-index">
        {SECTIONS.map((section) => (
          <li key={section.href}>
            <Link href={section.href}>{section.label}</Link>
            <p className="muted">{section.about}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
