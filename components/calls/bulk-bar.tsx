interface BulkBarProps {
  /** Ticked rows; ignored while `allMatching` is on. */
  readonly selectedCount: number;
  /** Every active call matching the board's filter is chosen, by the filter on the server. */
  readonly allMatching: boolean;
  /** Active calls matching the filter now. */
  readonly matchingCount: number;
  readonly stuckOnly: boolean;
  readonly onSelectAllMatching: () => void;
  readonly onClear: () => void;
  readonly onDisconnect: () => void;
}

/** What is selected for a bulk disconnect, and the buttons that act on it. */
export function BulkBar({ selectedCount, allMatching, matchingCount, stuckOnly, onSelectAllMatching, onClear, onDisconnect }: BulkBarProps) {
  const what = stuckOnly ? 'stuck calls' : 'active calls';
  const status = allMatching
    ? `All ${matchingCount} ${what} matching this filter are selected (chosen again on the server when you start).`
    : selectedCount === 0
      ? 'No call selected. Tick calls to disconnect several at once.'
      : `${selectedCount} ${selectedCount === 1 ? 'call' : 'calls'} selected.`;
  return (
    <div className="bulk-bar" role="region" aria-label="Bulk disconnect" data-testid="bulk-bar">
      <p className="bulk-bar__status" aria-live="polite" data-testid="bulk-status">
        {status}
      </p>
      <div className="bulk-bar__actions">
        {!allMatching && matchingCount > 0 ? (
          <button type="button" className="button button--small" onClick={onSelectAllMatching}>
            Select all {matchingCount} matching this filter
          </button>
        ) : null}
        {allMatching || selectedCount > 0 ? (
          <button type="button" className="button button--small button--quiet" onClick={onClear}>
            Clear selection
          </button>
        ) : null}
        <button type="button" className="button button--danger" disabled={!allMatching && selectedCount === 0} onClick={onDisconnect}>
          Disconnect selected
        </button>
      </div>
    </div>
  );
}
