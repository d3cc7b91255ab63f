import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { callTimelineHref } from '@/components/calls/board-view';
import { CallFacts } from '@/components/calls/call-facts';
import { CallTimelineList } from '@/components/calls/call-timeline-list';
import { requireRole } from '@/lib/auth/require-role';
import { hasAnyRole } from '@/lib/auth/roles';
import { getCallTimeline } from '@/lib/calls';
import { getRuntime } from '@/lib/runtime';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Call timeline · UM Call Console' };

/** The path segment is the URL-encoded CallId; a CallId never holds "%", so decoding is safe. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** One call's page: what the console knows of it now, and its history newest first. */
export default async function CallTimelinePage({ params }: { readonly params: Promise<{ callId: string }> }) {
  const callId = decodeSegment((await params).callId);
  const actor = await requireRole(['viewer'], { page: callTimelineHref(callId) });
  const { db } = await getRuntime();
  const timeline = await getCallTimeline(db, callId);
  if (!timeline) notFound();
  const { call } = timeline;
  return (
    <div className="page page--wide">
      <PageHeader
        back={{ href: '/calls', label: 'Calls' }}
        title={call.label ?? 'Call without a label'}
        intro="The state changes the console observed and every audit event about this call, newest first."
      />
      <CallFacts call={call} />
      <CallTimelineList items={timeline.items} truncated={timeline.truncated} linkAudit={hasAnyRole(actor.role, ['auditor', 'operator'])} />
    </div>
  );
}
