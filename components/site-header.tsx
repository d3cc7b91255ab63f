import Link from 'next/link';
import { getSignedInUser, type SignedInUser } from '@/lib/auth/require-role';
import { hasAnyRole, type Role } from '@/lib/auth/roles';
import { countStuckCalls } from '@/lib/calls';
import { getRuntime } from '@/lib/runtime';
import { NavCallsLabel } from './calls/nav-calls-label';
import { NavLink } from './ui/nav-link';
import { SignedInUserBox } from './sign-out-signed-in-user';
import headerStyles from './sign-out-button.module.css';

/** The sections, each shown to the roles whose pages let them in (the pages check again). */
const SECTIONS: ReadonlyArray<{ readonly href: string; readonly label: string; readonly roles: readonly Role[] | 'signed-in' }> = [
  { href: '/', label: 'Status', roles: 'signed-in' },
  { href: '/calls', label: 'Calls', roles: ['viewer'] },
  { href: '/audit', label: 'Audit', roles: ['auditor', 'operator'] },
  { href: '/settings', label: 'Settings', roles: ['admin'] },
];

export async function SiteHeader() {
  const user = await findSignedInUser();
  return (
    <header className="site-header">
      <div className={`site-header__inner ${headerStyles.bar}`}>
        <Link href="/" className="site-title">
          UM Call Console
        </Link>
        {user && !user.mustChangePassword ? <SiteNav role={user.role} stuck={hasAnyRole(user.role, ['viewer']) ? await findStuckCount() : NONE_STUCK} /> : null}
        {user ? <SignedInUserBox user={user} /> : null}
      </div>
    </header>
  );
}

function SiteNav({ role, stuck }: { readonly role: Role; readonly stuck: StuckCount }) {
  const sections = SECTIONS.filter((section) => section.roles === 'signed-in' || hasAnyRole(role, section.roles));
  return (
    <nav className="site-nav" aria-label="Sections">
      {sections.map((section) => (
        <NavLink key={section.href} href={section.href}>
          {section.href === '/calls' ? <NavCallsLabel label={section.label} stuckCount={stuck.count} countedAt={stuck.at} /> : section.label}
        </NavLink>
      ))}
    </nav>
  );
}

interface StuckCount {
  readonly count: number;
  readonly at: number;
}

const NONE_STUCK: StuckCount = { count: 0, at: 0 };

/** The navigation's stuck count and when it was taken; the header shows none rather than failing. */
async function findStuckCount(): Promise<StuckCount> {
  try {
    const { db } = await getRuntime();
    const at = Date.now();
    return { count: await countStuckCalls(db, at), at };
  } catch (error) {
    console.error('The header could not count the stuck calls:', error);
    return NONE_STUCK;
  }
}

// The header never takes a page down with it; the page's own requireRole reports real trouble.
async function findSignedInUser(): Promise<SignedInUser | null> {
  try {
    return await getSignedInUser();
  } catch (error) {
    console.error('The header could not look up the signed-in user:', error);
    return null;
  }
}
