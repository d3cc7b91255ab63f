import Link from 'next/link';
import { formatMs } from '@/components/calls/format';
import { IsoTime } from '@/components/iso-time';
import { StatusTag } from '@/components/ui/status-tag';
import type { DisconnectAttempt } from '@/lib/audit';
import { ActorCell } from './actor-cell';
import { BatchRef } from './batch-ref';
import { CallRef } from './call-ref';
import { OutcomeTag } from './outcome-tag';

/** One row per disconnect attempt: the request (or refusal) joined with its completion. */
export function DisconnectAttemptsTable({ attempts }: { readonly attempts: readonly DisconnectAttempt[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table audit-table" data-testid="attempts-table">
        <caption className="visually-hidden">Disconnect attempts, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Requested at</th>
            <th scope="col">Actor</th>
            <th scope="col">Call</th>
            <th scope="col">Reason</th>
            <th scope="col">Outcome</th>
            <th scope="col" className="num">
              UM round trip
            </th>
            <th scope="col" className="num">
              Time to end
            </th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((attempt) => (
            <AttemptRow key={attempt.attemptId || attempt.seq} attempt={attempt} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AttemptRow({ attempt }: { readonly attempt: DisconnectAttempt }) {
  const { requested, completed } = attempt;
  const fault = completed?.faultCode ? `${completed.faultCode}${completed.faultText ? `: ${completed.faultText}` : ''}` : null;
  return (
    <tr data-attempt-id={attempt.attemptId}>
      <th scope="row" className="time-cell">
        <Link
          href={`/audit/attempts/${encodeURIComponent(attempt.attemptId)}`}
          aria-label={`Details of the attempt at ${requested.at.toISOString()}`}
        >
          <IsoTime value={requested.at} />
        </Link>
      </th>
      <td>
        <ActorCell event={requested} />
      </td>
      <td>
        <CallRef callId={requested.targetCallId} label={attempt.callLabel} />
      </td>
      <td className="reason-cell">
        {requested.reason ?? <span className="muted">—</span>}
        {requested.batchId ? <BatchRef batchId={requested.batchId} /> : null}
      </td>
      <td>
        <span className="stacked">
          <span>
            {attempt.status === 'in-progress' ? <StatusTag tone="pending">In progress</StatusTag> : <OutcomeTag outcome={attempt.outcome} />}
          </span>
          {fault ? <span className="stacked__sub fault-text">{fault}</span> : null}
        </span>
      </td>
      <td className="num">{completed?.umLatencyMs != null ? formatMs(completed.umLatencyMs) : <span className="muted">—</span>}</td>
      <td className="num">{completed?.endLatencyMs != null ? formatMs(completed.endLatencyMs) : <span className="muted">—</span>}</td>
    </tr>
  );
}
