import type { Metadata } from 'next';
import { connection } from 'next/server';
import { CallBoard } from '@/components/calls/call-board';
import { boardDocumentTitle, callViewHref, parseCallView, parseStuckOnly } from '@/components/calls/board-view';
import { PlaceTestCallForm } from '@/components/calls/place-test-call-form';
import { TitleStuckCount } from '@/components/calls/title-stuck-count';
import { TrackCallForm } from '@/components/calls/track-call-form';
import { requireRole } from '@/lib/auth/require-role';
import { hasAnyRole, ROLE_LABELS } from '@/lib/auth/roles';
import { countStuckCalls, getBoardSnapshot } from '@/lib/calls';
import { getRuntime } from '@/lib/runtime';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// The tab names the stuck count; the board keeps it current while the page stays open.
export async function generateMetadata(): Promise<Metadata> {
  // At request time only: `next build` evaluates metadata too, and must not open the database or
  // start the runtime (it created ./data/console.db on the build machine).
  await connection();
  try {
    const { db } = await getRuntime();
    return { title: boardDocumentTitle(await countStuckCalls(db)) };
  } catch {
    return { title: boardDocumentTitle(0) };
  }
}

export default async function CallsPage({ searchParams }: { readonly searchParams: SearchParams }) {
  const params = await searchParams;
  const view = parseCallView(first(params.view));
  const stuckOnly = parseStuckOnly(first(params.stuck));
  const actor = await requireRole(['viewer'], { page: callViewHref(view, stuckOnly) });
  const runtime = await getRuntime();
  // Every call, whatever the view: the browser filters, so switching views and the counts need no extra request.
  const snapshot = await getBoardSnapshot(runtime.db, runtime.poller, 'all', undefined, { stuckOnly });
  const canOperate = hasAnyRole(actor.role, ['operator']);

  return (
    <div className="page page--wide">
      <header className="page-header">
        <div className="page-header__title-row">
          <h1>Calls</h1>
          <TitleStuckCount initialSnapshot={snapshot} stuckOnly={stuckOnly} />
        </div>
        <p className="page-header__intro">
          The Play-on-Phone calls this console tracks, with their state as the UM service last reported it.
        </p>
      </header>
      <CallBoard
        initialSnapshot={snapshot}
        view={view}
        stuckOnly={stuckOnly}
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
