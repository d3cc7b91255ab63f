import Link from 'next/link';
import { IsoTime } from '@/components/iso-time';
import { StatusTag } from '@/components/ui/status-tag';
import type { TimelineItem } from '@/lib/calls/timeline/timeline-types';

interface CallTimelineListProps {
  readonly items: readonly TimelineItem[];
  readonly truncated: boolean;
  /** Whether the reader may open audit entries (auditors, operators, admins). */
  readonly linkAudit: boolean;
}

const key = (item: TimelineItem) => (item.kind === 'state' ? `state-${item.observation.id}` : `audit-${item.event.seq}`);

/** Observed state changes and audit events in one list, newest first, each with its ISO time. */
export function CallTimelineList({ items, truncated, linkAudit }: CallTimelineListProps) {
  return (
    <section aria-labelledby="timeline-heading" className="timeline-section">
      <h2 id="timeline-heading">Timeline</h2>
      {items.length === 0 ? <p className="empty-state">Nothing has been recorded about this call yet.</p> : null}
      <ol className="timeline" data-testid="call-timeline">
        {items.map((item) => (
          <li key={key(item)} className={`timeline__item timeline__item--${item.kind}`} data-kind={item.kind}>
            <IsoTime value={new Date(item.at).toISOString()} />
            <StatusTag tone={item.kind === 'state' ? 'neutral' : 'pending'}>{item.kind === 'state' ? 'State' : 'Audit'}</StatusTag>
            <span className="timeline__text">
              {item.text}
              {item.kind === 'audit' && linkAudit ? (
                <>
                  {' '}
                  <Link href={`/audit/${item.event.seq}`} className="timeline__link">
                    Audit entry #{item.event.seq}
                  </Link>
                </>
              ) : null}
            </span>
          </li>
        ))}
      </ol>
      {truncated ? <p className="muted">Older entries are left out; the audit log has them all.</p> : null}
    </section>
  );
}
