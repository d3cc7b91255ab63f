import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatMs } from '@/components/calls/format';
import { IsoTime } from '@/components/iso-time';
import type { AuditEvent } from '@/lib/audit/types';
import { describePrecheck, readPrecheck } from '@/lib/calls/describe-precheck';
import { ACTION_WORDS, describeActor, describeRole } from './audit-words';
import { OutcomeTag } from './outcome-tag';

const none = <span className="muted">none</span>;

function orNone(value: ReactNode | null | undefined): ReactNode {
  return value === null || value === undefined || value === '' ? none : value;
}

/** "305 ms", or "1.4 s (1423 ms)": the stored value stays visible when it is rounded for reading. */
function exactMs(ms: number): string {
  return ms < 1000 ? formatMs(ms) : `${formatMs(ms)} (${ms} ms)`;
}

/** Every stored field of one audit event, labelled, nothing left out. */
export function AuditEventFields({ event, callLabel }: { readonly event: AuditEvent; readonly callLabel: string | null }) {
  const role = describeRole(event.actorRole);
  // Stored in the details below as well; said in words because a bulk run may use an earlier sighting instead of a fresh check.
  const precheck = readPrecheck(event.details?.precheck);
  return (
    <dl className="facts facts--detail" data-testid={`audit-event-${event.seq}`}>
      <dt>Entry number</dt>
      <dd>
        <Link href={`/audit/${event.seq}`}>{event.seq}</Link>
      </dd>
      <dt>Time</dt>
      <dd>
        <IsoTime value={event.at} />
      </dd>
      <dt>Action</dt>
      <dd>
        {ACTION_WORDS[event.action] ?? event.action} <code className="muted">{event.action}</code>
      </dd>
      <dt>Outcome</dt>
      <dd>
        <OutcomeTag outcome={event.outcome} />
      </dd>
      <dt>Actor</dt>
      <dd>{describeActor(event)}</dd>
      <dt>Actor’s role then</dt>
      <dd>{orNone(role)}</dd>
      <dt>Actor ID</dt>
      <dd>{orNone(event.actorId ? <code>{event.actorId}</code> : null)}</dd>
      <dt>Signed in by</dt>
      <dd>
        <code>{event.authMethod}</code>
      </dd>
      <dt>Source address</dt>
      <dd>{orNone(event.sourceIp ? <code>{event.sourceIp}</code> : null)}</dd>
      <dt>User agent</dt>
      <dd>{orNone(event.userAgent ? <span className="wrap-anywhere">{event.userAgent}</span> : null)}</dd>
      <dt>Call ID</dt>
      <dd>{orNone(event.targetCallId ? <code>{event.targetCallId}</code> : null)}</dd>
      <dt>Call label</dt>
      <dd>{orNone(callLabel)}</dd>
      <dt>Reason</dt>
      <dd className="preserve-lines">{orNone(event.reason)}</dd>
      <dt>Fault code</dt>
      <dd>{orNone(event.faultCode ? <code>{event.faultCode}</code> : null)}</dd>
      <dt>Fault text</dt>
      <dd>{orNone(event.faultText)}</dd>
      <dt>UM round trip</dt>
      <dd>{event.umLatencyMs !== null ? exactMs(event.umLatencyMs) : none}</dd>
      <dt>Time to confirmed end</dt>
      <dd>{event.endLatencyMs !== null ? exactMs(event.endLatencyMs) : none}</dd>
      <dt>Attempt ID</dt>
      <dd>
        {event.attemptId ? (
          <Link href={`/audit/attempts/${encodeURIComponent(event.attemptId)}`}>
            <code>{event.attemptId}</code>
          </Link>
        ) : (
          none
        )}
      </dd>
      <dt>Batch ID</dt>
      <dd>{orNone(event.batchId ? <code>{event.batchId}</code> : null)}</dd>
      {precheck ? (
        <>
          <dt>Pre-check</dt>
          <dd data-testid="audit-precheck">{describePrecheck(precheck)}</dd>
        </>
      ) : null}
      <dt>Details</dt>
      <dd>{event.details ? <pre className="json">{JSON.stringify(event.details, null, 2)}</pre> : none}</dd>
    </dl>
  );
}
