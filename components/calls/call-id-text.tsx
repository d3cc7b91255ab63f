import { CopyButton } from '@/components/ui/copy-button';
import { shortenCallId } from './format';

/** A CallId shortened for reading, the full value on hover and in the copy button. */
export function CallIdText({ callId }: { readonly callId: string }) {
  return (
    <span className="call-id">
      <code className="call-id__value" title={callId}>
        {shortenCallId(callId)}
      </code>
      <CopyButton value={callId} label="Copy CallId" className="button button--small button--quiet" />
    </span>
  );
}
