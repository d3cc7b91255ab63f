'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/** A header link that marks itself as the current page (aria-current) for the section it leads to. */
export function NavLink({ href, children }: { readonly href: string; readonly children: ReactNode }) {
  const pathname = usePathname();
  const current = href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link href={href} className="site-nav__link" aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}
