import { shortenCallId } from '@/components/calls/format';

/** A call in the audit log: its label (if the board knows one) over its shortened CallId. */
export function CallRef({ callId, label }: { readonly callId: string | null; readonly label: string | null }) {
  if (callId === null) return <span className="muted">—</span>;
  return (
    <span className="stacked">
      {label ? <span className="stacked__main">{label}</span> : null}
      <code className="stacked__sub" title={callId}>
        {shortenCallId(callId)}
      </code>
    </span>
  );
}
