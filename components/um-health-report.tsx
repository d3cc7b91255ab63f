import Link from 'next/link';
import type { ReactNode } from 'react';
import type { UmHealth, UmProblemKind } from '@/lib/um-service';
import { formatLatency } from './format';
import { IsoTime } from './iso-time';

const PROBLEM_HEADLINES: Record<UmProblemKind, string> = {
  network: 'The UM service does not answer.',
  timeout: 'The UM service does not answer.',
  http: 'The UM service answered with an HTTP error.',
  fault: 'The UM service refused the check.',
  'bad-response': 'The UM service sent an answer the console cannot use.',
  input: 'The console’s UM settings cannot be used.',
  unexpected: 'The console could not check the UM service.',
};

/** The result of one IsUMEnabled round trip, in words. */
export function UmHealthReport({ health }: { health: UmHealth }) {
  return (
    <HealthPanel state="done">
      {health.ok ? (
        <>
          <p>
            <span className="status-label status-label--ok">Answering</span>
          </p>
          <p>
            The UM service answered IsUMEnabled in {formatLatency(health.latencyMs)} (IsUMEnabled:{' '}
            {String(health.umEnabled)}).
          </p>
        </>
      ) : (
        <>
          <p>
            <span className="status-label status-label--problem">Check failed</span>
          </p>
          <p>
            <strong>{PROBLEM_HEADLINES[health.problem.kind]}</strong> {health.problem.message}
          </p>
        </>
      )}
      <p className="muted">
        Checked at <IsoTime value={health.checkedAt} />
      </p>
      <p className="actions">
        <Link href="/" prefetch={false}>
          Check again
        </Link>
      </p>
    </HealthPanel>
  );
}

/** Shown while the round trip is under way, so the rest of the page does not wait for it. */
export function UmHealthPending() {
  return (
    <HealthPanel state="pending">
      <p>
        <span className="status-label status-label--pending">Checking</span>
      </p>
      <p>Asking the UM service whether it answers IsUMEnabled…</p>
    </HealthPanel>
  );
}

// The fallback and the result can both be in the DOM for a moment while React swaps them,
// so each has its own test id and heading id.
function HealthPanel({ state, children }: { state: 'pending' | 'done'; children: ReactNode }) {
  const id = state === 'done' ? 'um-health' : 'um-health-pending';
  return (
    <section
      className="panel"
      aria-labelledby={`${id}-heading`}
      aria-busy={state === 'pending'}
      aria-live="polite"
      data-testid={id}
    >
      <h2 id={`${id}-heading`}>Does the UM service answer?</h2>
      {children}
    </section>
  );
}
