import Link from 'next/link';
import { IsoTime } from '@/components/iso-time';
import type { AuditEventWithLabel } from '@/lib/audit';
import { ActorCell } from './actor-cell';
import { ACTION_WORDS } from './audit-words';
import { CallRef } from './call-ref';
import { OutcomeTag } from './outcome-tag';

/** Every kind of audit event, one row each. */
export function AuditEventsTable({ events }: { readonly events: readonly AuditEventWithLabel[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table audit-table" data-testid="events-table">
        <caption className="visually-hidden">Audit events, newest first</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              No.
            </th>
            <th scope="col">Time</th>
            <th scope="col">Action</th>
            <th scope="col">Actor</th>
            <th scope="col">Call</th>
            <th scope="col">Outcome</th>
            <th scope="col">Reason or fault</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.seq} data-seq={event.seq}>
              <th scope="row" className="num">
                <Link href={`/audit/${event.seq}`} aria-label={`Details of audit entry ${event.seq}`}>
                  {event.seq}
                </Link>
              </th>
              <td className="time-cell">
                <IsoTime value={event.at} />
              </td>
              <td>{ACTION_WORDS[event.action] ?? event.action}</td>
              <td>
                <ActorCell event={event} />
              </td>
              <td>
                <CallRef callId={event.targetCallId} label={event.callLabel} />
              </td>
              <td>
                <OutcomeTag outcome={event.outcome} />
              </td>
              <td className="reason-cell">
                {event.reason ?? (event.faultCode ? <span className="fault-text">{event.faultCode}</span> : <span className="muted">—</span>)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
