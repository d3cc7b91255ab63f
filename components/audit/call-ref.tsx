import Link from 'next/link';
import { callTimelineHref } from '@/components/calls/board-view';
import { shortenCallId } from '@/components/calls/format';

/** A call in the audit log: its label (if the board knows one) over its shortened CallId, linked to its timeline. */
export function CallRef({ callId, label }: { readonly callId: string | null; readonly label: string | null }) {
  if (callId === null) return <span className="muted">—</span>;
  return (
    <span className="stacked">
      {label ? <span className="stacked__main">{label}</span> : null}
      <Link href={callTimelineHref(callId)} className="stacked__sub" title={`${callId} — open the call’s timeline`}>
        <code>{shortenCallId(callId)}</code>
      </Link>
    </span>
  );
}
