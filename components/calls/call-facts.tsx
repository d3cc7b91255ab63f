import { IsoTime } from '@/components/iso-time';
import { StatusTag } from '@/components/ui/status-tag';
import type { CallRow } from '@/lib/calls/types';
import { displayState } from './call-display';
import { StuckBadge } from './stuck-badge';

const iso = (at: number) => new Date(at).toISOString();

/** A call as the registry has it now: label, CallId, decoded server, state and stuck verdict. */
export function CallFacts({ call }: { readonly call: CallRow }) {
  const state = displayState(call);
  return (
    <dl className="facts panel" data-testid="call-facts">
      <dt>Label</dt>
      <dd>{call.label ?? <span className="muted">No label</span>}</dd>
      <dt>Call ID</dt>
      <dd>
        <code className="break-all">{call.callId}</code>
      </dd>
      <dt>UM server</dt>
      <dd>{call.server ?? <span className="muted">Not in the CallId</span>}</dd>
      <dt>Current state</dt>
      <dd>
        <StatusTag tone={state.tone}>{state.label}</StatusTag>
        {call.causeLabel && call.causeLabel !== 'None' ? ` (${call.causeLabel})` : null}
        {state.since !== null ? (
          <>
            {' '}since <IsoTime value={iso(state.since)} />
          </>
        ) : null}
      </dd>
      <dt>Stuck</dt>
      <dd data-testid="call-stuck">{call.stuck ? <StuckBadge verdict={call.stuck} /> : call.ended ? 'No — the call has ended' : 'No — no stuck-call rule fires'}</dd>
      <dt>Tracked</dt>
      <dd>
        <IsoTime value={iso(call.addedAt)} /> by {call.addedByEmail ?? 'the console itself'}
      </dd>
      <dt>Last checked</dt>
      <dd>{call.lastCheckedAt !== null ? <IsoTime value={iso(call.lastCheckedAt)} /> : <span className="muted">Not yet</span>}</dd>
      {call.lastError ? (
        <>
          <dt>Last check’s problem</dt>
          <dd>{call.lastError}</dd>
        </>
      ) : null}
    </dl>
  );
}
