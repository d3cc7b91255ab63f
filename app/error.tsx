'use client';

import { useEffect } from 'react';

// Never shows the error's message: it may hold internals. The digest matches the server log.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = readDigest(error);
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <section className="panel" aria-labelledby="error-heading" data-testid="error-page">
      <h1 id="error-heading">Something went wrong</h1>
      <p>The console could not show this page. Trying again often helps; if it keeps happening, the server log has the details.</p>
      {digest ? (
        <p className="muted">
          Error reference: <code>{digest}</code>
        </p>
      ) : null}
      <p className="actions">
        <button type="button" className="button" onClick={() => retry()}>
          Try again
        </button>
      </p>
    </section>
  );
}

function readDigest(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('digest' in error)) return undefined;
  return typeof error.digest === 'string' ? error.digest : undefined;
}
