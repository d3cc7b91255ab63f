import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { SimulatorBanner } from '@/components/simulator-banner';
import { SiteHeader } from '@/components/site-header';
import { usesEmbeddedSimulator } from '@/lib/um-service';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'UM Call Console',
  description: 'Watch Exchange Unified Messaging Play-on-Phone calls and end stuck ones.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The banner depends on the runtime configuration, never on the one present at build time.
  await connection();
  return (
    <html lang="en">
      <body>
        {/* One query cache for the page: the header's stuck count follows the board's polls. */}
        <Providers>
          <SiteHeader />
          {usesEmbeddedSimulator() ? <SimulatorBanner /> : null}
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  );
}
