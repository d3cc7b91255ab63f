import Link from 'next/link';

/** An untracked CallId: say so, and where calls can be tracked. */
export default function CallNotFound() {
  return (
    <div className="page">
      <header className="page-header">
        <h1>Call not tracked</h1>
      </header>
      <p>The console does not track a call with this CallId, so it has no history for it.</p>
      <p>
        Operators can track a call by its CallId on the <Link href="/calls">call board</Link>.
      </p>
    </div>
  );
}
