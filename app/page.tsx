import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { UmHealthPending, UmHealthReport } from '@/components/um-health-report';
import { UmServiceDetails } from '@/components/um-service-details';
import { checkUmService, describeUmService } from '@/lib/um-service';

export const metadata: Metadata = { title: 'UM service · UM Call Console' };

export default async function HomePage() {
  await connection();
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
