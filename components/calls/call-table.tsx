import Link from 'next/link';
import { StatusTag } from '@/components/ui/status-tag';
import { evaluateStuck } from '@/lib/calls/stuck/evaluate-stuck';
import type { StuckRules } from '@/lib/calls/stuck/stuck-rules';
import type { CallRow, CallView } from '@/lib/calls/types';
import { callTimelineHref } from './board-view';
import { CallIdText } from './call-id-text';
import { displayState } from './call-display';
import { formatDuration } from './format';
import { RelativeTime } from './relative-time';
import { StuckBadge } from './stuck-badge';

const CAPTIONS: Record<CallView, string> = { active: 'Active calls', ended: 'Ended calls', all: 'All tracked calls' };

const EMPTY: Record<CallView, string> = {
  active: 'No active calls. Calls you track, and test calls you place, appear here while they are up.',
  ended: 'No ended calls yet. Calls move here once the UM service reports them disconnected or no longer knows them.',
  all: 'No calls are tracked yet. Track a call by its CallId, or place a test call.',
};

const EMPTY_STUCK = 'No call is stuck right now. Calls appear here when a stuck-call rule fires.';

/** Checkboxes for bulk disconnect; absent for viewers. */
export interface RowSelection {
  readonly selected: ReadonlySet<string>;
  readonly toggle: (callId: string, on: boolean) => void;
  readonly toggleAll: (on: boolean) => void;
}

interface CallTableProps {
  readonly calls: readonly CallRow[];
  readonly view: CallView;
  readonly stuckOnly: boolean;
  /** The server's current time (epoch ms), for "time in state", "last checked" and the stuck verdicts. */
  readonly now: number;
  readonly rules: StuckRules;
  readonly canOperate: boolean;
  readonly selection: RowSelection | null;
  readonly onDisconnect: (call: CallRow) => void;
}

/** The tracked calls, one row each; operators get a checkbox and a Disconnect button on every active row. */
export function CallTable({ calls, view, stuckOnly, now, rules, canOperate, selection, onDisconnect }: CallTableProps) {
  if (calls.length === 0) {
    return (
      <p className="empty-state" data-testid="board-empty">
        {stuckOnly ? EMPTY_STUCK : EMPTY[view]}
      </p>
    );
  }
  const selectable = calls.filter((call) => !call.ended);
  const allSelected = selection !== null && selectable.length > 0 && selectable.every((call) => selection.selected.has(call.callId));
  return (
    <div className="table-scroll">
      <table className="data-table call-table" data-testid="call-table">
        <caption className="visually-hidden">{stuckOnly ? `${CAPTIONS[view]}, stuck only` : CAPTIONS[view]}</caption>
        <thead>
          <tr>
            {selection ? (
              <th scope="col" className="select-cell">
                <input
                  type="checkbox"
                  aria-label="Select all shown active calls"
                  checked={allSelected}
                  disabled={selectable.length === 0}
                  onChange={(event) => selection.toggleAll(event.target.checked)}
                />
              </th>
            ) : null}
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
            <CallTableRow
              key={call.callId}
              call={call}
              now={now}
              rules={rules}
              canOperate={canOperate}
              selection={selection}
              onDisconnect={onDisconnect}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

type RowProps = Pick<CallTableProps, 'now' | 'rules' | 'canOperate' | 'selection' | 'onDisconnect'> & { readonly call: CallRow };

function CallTableRow({ call, now, rules, canOperate, selection, onDisconnect }: RowProps) {
  const state = displayState(call);
  // Re-evaluated with the page's clock, so "Connected 31 min" keeps counting between refreshes.
  const stuck = evaluateStuck(call, rules, now);
  const name = call.label ?? call.callId;
  return (
    <tr data-call-id={call.callId} className={call.ended ? 'call-row call-row--ended' : stuck ? 'call-row call-row--stuck' : 'call-row'}>
      {selection ? (
        <td className="select-cell">
          {call.ended ? null : (
            <input
              type="checkbox"
              aria-label={`Select ${name}`}
              checked={selection.selected.has(call.callId)}
              onChange={(event) => selection.toggle(call.callId, event.target.checked)}
            />
          )}
        </td>
      ) : null}
      <th scope="row" className="call-cell">
        <Link href={callTimelineHref(call.callId)} className={call.label ? 'call-cell__label' : 'call-cell__label muted'} title="Open this call’s timeline">
          {call.label ?? 'No label'}
        </Link>
        <CallIdText callId={call.callId} />
      </th>
      <td>{call.server ? <span className="server-name">{call.server}</span> : <span className="muted">Not in the CallId</span>}</td>
      <td>
        <span className="state-cell">
          <StatusTag tone={state.tone}>{state.label}</StatusTag>
          {call.disconnectInProgress ? <StatusTag tone="warning">Disconnect in progress</StatusTag> : null}
          {stuck && !call.ended ? <StuckBadge verdict={stuck} /> : null}
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
