import Link from 'next/link';
import { StatusTag } from '@/components/ui/status-tag';
import type { BatchItem } from '@/lib/calls/bulk/batch-types';
import { OUTCOME_WORDS } from '@/lib/calls/disconnect-messages';
import { ITEM_STATUS_WORDS } from './batch-words';
import { callTimelineHref } from './board-view';
import { shortenCallId } from './format';
import { OUTCOME_TONES } from './outcome-tone';

/** Every call of the run, in the order it is sent, with its outcome and fault as they arrive. */
export function BatchItemsTable({ items }: { readonly items: readonly BatchItem[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="batch-items">
        <caption className="visually-hidden">Calls of this bulk disconnect and their results</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">Call</th>
            <th scope="col">Outcome</th>
            <th scope="col">Fault</th>
            <th scope="col">What happened</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.position} data-call-id={item.callId} data-item-status={item.status}>
              <td className="num">{item.position}</td>
              <th scope="row" className="call-cell">
                <Link href={callTimelineHref(item.callId)}>{item.label ?? 'No label'}</Link>{' '}
                <code className="muted" title={item.callId}>
                  {shortenCallId(item.callId)}
                </code>
              </th>
              <td>
                {item.outcome ? (
                  <StatusTag tone={OUTCOME_TONES[item.outcome]}>{OUTCOME_WORDS[item.outcome]}</StatusTag>
                ) : (
                  <StatusTag tone={item.status === 'running' ? 'pending' : 'neutral'}>{ITEM_STATUS_WORDS[item.status]}</StatusTag>
                )}
              </td>
              <td>{item.faultCode ? <code>{item.faultCode}</code> : <span className="muted">None</span>}</td>
              <td className="problem-cell">{item.message ?? <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
