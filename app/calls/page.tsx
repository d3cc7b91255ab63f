import type { Metadata } from 'next';
import { CallBoard } from '@/components/calls/call-board';
import { callViewHref, parseCallView } from '@/components/calls/board-view';
import { PlaceTestCallForm } from '@/components/calls/place-test-call-form';
import { TrackCallForm } from '@/components/calls/track-call-form';
import { requireRole } from '@/lib/auth/require-role';
import { hasAnyRole, ROLE_LABELS } from '@/lib/auth/roles';
import { getBoardSnapshot } from '@/lib/calls';
import { getRuntime } from '@/lib/runtime';

export const metadata: Metadata = { title: 'Calls · UM Call Console' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CallsPage({ searchParams }: { readonly searchParams: SearchParams }) {
  const params = await searchParams;
  const view = parseCallView(Array.isArray(params.view) ? params.view[0] : params.view);
  const actor = await requireRole(['viewer'], { page: callViewHref(view) });
  const runtime = await getRuntime();
  // Every call, whatever the view: the browser filters, so switching views and the counts need no extra request.
  const snapshot = await getBoardSnapshot(runtime.db, runtime.poller, 'all');
  const canOperate = hasAnyRole(actor.role, ['operator']);

  return (
    <div className="page page--wide">
      <header className="page-header">
        <h1>Calls</h1>
        <p className="page-header__intro">
          The Play-on-Phone calls this console tracks, with their state as the UM service last reported it.
        </p>
      </header>
      <CallBoard
        initialSnapshot={snapshot}
        view={view}
        canOperate={canOperate}
        verifyTimeoutMs={runtime.config.disconnectVerifyTimeoutMs}
      />
      {canOperate ? (
        <section className="add-calls" aria-label="Add calls to the board">
          <TrackCallForm />
          <PlaceTestCallForm demo={runtime.um.mode === 'embedded'} />
        </section>
      ) : (
        <p className="role-note" data-testid="viewer-note">
          Your role ({ROLE_LABELS[actor.role]}) can watch calls. Tracking and disconnecting calls needs an operator or an
          administrator.
        </p>
      )}
    </div>
  );
}
