import type { PreviewedCall } from '@/lib/actions/batches/batch-action-types';
import { shortenCallId } from './format';

/** Every call a bulk disconnect would send, in the order it sends them. */
export function BulkPreviewList({ calls }: { readonly calls: readonly PreviewedCall[] }) {
  return (
    <div className="preview-list" tabIndex={0} role="region" aria-label="Calls that will be disconnected">
      <table className="data-table data-table--compact" data-testid="bulk-preview">
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">Call</th>
            <th scope="col">State</th>
            <th scope="col">Why it is stuck</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call, index) => (
            <tr key={call.callId} data-call-id={call.callId}>
              <td className="num">{index + 1}</td>
              <th scope="row">
                {call.label ?? <span className="muted">No label</span>}{' '}
                <code className="muted" title={call.callId}>
                  {shortenCallId(call.callId)}
                </code>
              </th>
              <td>{call.stateLabel}</td>
              <td>{call.stuckText ?? <span className="muted">Not stuck</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
