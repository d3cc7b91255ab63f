import { StatusTag } from '@/components/ui/status-tag';
import type { CallRow, CallView } from '@/lib/calls/types';
import { CallIdText } from './call-id-text';
import { displayState } from './call-display';
import { formatDuration } from './format';
import { RelativeTime } from './relative-time';

const CAPTIONS: Record<CallView, string> = { active: 'Active calls', ended: 'Ended calls', all: 'All tracked calls' };

const EMPTY: Record<CallView, string> = {
  active: 'No active calls. Calls you track, and test calls you place, appear here while they are up.',
  ended: 'No ended calls yet. Calls move here once the UM service reports them disconnected or no longer knows them.',
  all: 'No calls are tracked yet. Track a call by its CallId, or place a test call.',
};

interface CallTableProps {
  readonly calls: readonly CallRow[];
  readonly view: CallView;
  /** The server's current time (epoch ms), for "time in state" and "last checked". */
  readonly now: number;
  readonly canOperate: boolean;
  readonly onDisconnect: (call: CallRow) => void;
}

/** The tracked calls, one row each; operators get a Disconnect button on every active row. */
export function CallTable({ calls, view, now, canOperate, onDisconnect }: CallTableProps) {
  if (calls.length === 0) {
    return (
      <p className="empty-state" data-testid="board-empty">
        {EMPTY[view]}
      </p>
    );
  }
  return (
    <div className="table-scroll">
      <table className="data-table call-table" data-testid="call-table">
        <caption className="visually-hidden">{CAPTIONS[view]}</caption>
        <thead>
          <tr>
            <th scope="col">Call</th>
            <th scope="col">UM server</th>
            <th scope="col">State</th>
            <th scope="col">Event cause</th>
            <th scope="col" className="num">
              In state for
            </th>
            <th scope="col">Last checked</th>
            <th scope="col">Last check’s problem</th>
            {canOperate ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {calls.map((call) => (
            <CallTableRow key={call.callId} call={call} now={now} canOperate={canOperate} onDisconnect={onDisconnect} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CallTableRow({ call, now, canOperate, onDisconnect }: Omit<CallTableProps, 'calls' | 'view'> & { readonly call: CallRow }) {
  const state = displayState(call);
  return (
    <tr data-call-id={call.callId} className={call.ended ? 'call-row call-row--ended' : 'call-row'}>
      <th scope="row" className="call-cell">
        <span className={call.label ? 'call-cell__label' : 'call-cell__label muted'}>{call.label ?? 'No label'}</span>
        <CallIdText callId={call.callId} />
      </th>
      <td>{call.server ? <span className="server-name">{call.server}</span> : <span className="muted">Not in the CallId</span>}</td>
      <td>
        <span className="state-cell">
          <StatusTag tone={state.tone}>{state.label}</StatusTag>
          {call.disconnectInProgress ? <StatusTag tone="warning">Disconnect in progress</StatusTag> : null}
        </span>
      </td>
      <td>{call.causeLabel ?? <span className="muted" title="Not known until the first status check">—</span>}</td>
      <td className="num">
        {state.since !== null ? formatDuration(now - state.since) : <span className="muted">—</span>}
      </td>
      <td>{call.lastCheckedAt !== null ? <RelativeTime at={call.lastCheckedAt} now={now} /> : <span className="muted">Not yet</span>}</td>
      <td className="problem-cell">
        {call.lastError ? (
          <span className="problem-text">
            {call.lastError}
            {call.consecutiveFailures > 1 ? ` (${call.consecutiveFailures} checks in a row)` : null}
          </span>
        ) : (
          <span className="muted">None</span>
        )}
      </td>
      {canOperate ? (
        <td className="action-cell">
          {call.ended ? null : (
            <button type="button" className="button button--danger-outline" onClick={() => onDisconnect(call)}>
              Disconnect
            </button>
          )}
        </td>
      ) : null}
    </tr>
  );
}
