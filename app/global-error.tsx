'use client';

import './globals.css';

// Replaces the root layout when it fails; like error.tsx it never shows the error's message.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    typeof error === 'object' && error !== null && 'digest' in error && typeof error.digest === 'string'
      ? error.digest
      : undefined;
  return (
    <html lang="en">
      <body>
        <main>
          <h1>UM Call Console is not available</h1>
          <p>The console could not start this page. The server log has the details.</p>
          {digest ? (
            <p className="muted">
              Error reference: <code>{digest}</code>
            </p>
          ) : null}
          <button type="button" className="button" onClick={() => retry()}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
