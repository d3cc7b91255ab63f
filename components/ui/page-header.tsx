import Link from 'next/link';
import type { ReactNode } from 'react';

interface PageHeaderProps {
  readonly title: ReactNode;
  readonly intro?: ReactNode;
  /** A way back up, shown above the title ("← Calls"). */
  readonly back?: { readonly href: string; readonly label: string };
}

/** A page's breadcrumb, title and one-line introduction. */
export function PageHeader({ title, intro, back }: PageHeaderProps) {
  return (
    <>
      {back ? (
        <p className="breadcrumb">
          <Link href={back.href}>← {back.label}</Link>
        </p>
      ) : null}
      <header className="page-header">
        <h1>{title}</h1>
        {intro ? <p className="page-header__intro">{intro}</p> : null}
      </header>
    </>
  );
}
