import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { UmHealthPending, UmHealthReport } from '@/components/um-health-report';
import { UmServiceDetails } from '@/components/um-service-details';
import { requireRole } from '@/lib/auth/require-role';
import { checkUmService, describeUmService } from '@/lib/um-service';

export const metadata: Metadata = { title: 'UM service · UM Call Console' };

export default async function HomePage() {
  await connection();
  // Any signed-in role may see which UM service the console uses; the check is the page's own.
  await requireRole('signed-in', { page: '/' });
  const service = await describeUmService();
  return (
    <>
      <h1>Connection to the UM service</h1>
      <UmServiceDetails service={service} />
      <Suspense fallback={<UmHealthPending />}>
        <UmHealth />
      </Suspense>
    </>
  );
}

// Streams in after the rest of the page: a service that does not answer takes up to the timeout.
async function UmHealth() {
  const health = await checkUmService();
  return <UmHealthReport health={health} />;
}
