/** Shown on every page while the console talks to its embedded simulator instead of Exchange. */
export function SimulatorBanner() {
  return (
    <aside className="notice" aria-label="UM service notice" data-testid="simulator-banner">
      <p className="notice__inner">
        <strong>Demo: embedded UM simulator</strong> — no real calls are affected. Set <code>UM_SERVICE_URL</code> to use
        your Exchange server.
      </p>
    </aside>
  );
}
