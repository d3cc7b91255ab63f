import type { AuditFilter } from '../audit-filter';

/**
 * The filter as it was applied, for a manifest: the URL's names (q for the free text), times as
 * ISO 8601 UTC instants (from inclusive, to exclusive, whatever unit was typed), absent fields left
 * out. `ownEntriesOnly` names the actor an operator's export was limited to. The pin is not here:
 * the manifest carries it as `through`.
 */
export function describeFilter(filter: AuditFilter): Record<string, string> {
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  const fields: Record<string, string | undefined> = {
    actor: filter.actor,
    action: filter.action,
    outcome: filter.outcome,
    callId: filter.callId,
    batchId: filter.batchId,
    from: iso(filter.from),
    to: iso(filter.to),
    q: filter.text,
    ownEntriesOnly: filter.onlyActorId,
  };
  const described: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) described[name] = value;
  return described;
}
