import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { fail, ok, type Result } from '../../result';
import { checkCallId } from '../../um';
import { normalizeCallId } from '../input-checks';
import { listCalls } from '../list-calls';
import type { CallRow } from '../types';
import type { BatchSelection } from './batch-types';

/** The most calls one batch may hold. */
export const MAX_BATCH_CALLS = 1000;
/** Above this many calls, the operator types the number of calls to confirm (expectedCount). */
export const CONFIRM_ABOVE = 10;

export interface BatchPreview {
  /** Every call the batch would disconnect, in the order it would send them (the board's order). */
  readonly calls: readonly CallRow[];
  /** True when the operator must type calls.length to confirm. */
  readonly needsConfirmation: boolean;
}

const shortId = (callId: string) => (callId.length > 16 ? `${callId.slice(0, 8)}…${callId.slice(-6)}` : callId);
const some = (ids: readonly string[]) => ids.slice(0, 3).map(shortId).join(', ') + (ids.length > 3 ? ', …' : '');

/**
 * The calls a selection names: listed CallIds (each valid, tracked and not ended; repeats count
 * once) or every active call matching the filter. At least one, at most MAX_BATCH_CALLS.
 * Reads the database only; the preview page and startBatch share it. Stuck verdicts are taken at `now`.
 */
export async function previewBatch(
  db: Kysely<Database>,
  selection: BatchSelection,
  now: number = Date.now(),
): Promise<Result<BatchPreview, 'invalid-input'>> {
  const active = await listCalls(db, 'active', { stuckOnly: selection.filter?.stuckOnly ?? false, now });
  let calls: CallRow[];
  if (selection.callIds === undefined) {
    calls = active;
    if (calls.length === 0) return fail('invalid-input', 'No active call matches this filter; nothing would be disconnected.', { filter: 'No active call matches this filter.' });
  } else {
    // Checked before any of them reaches a query: PostgreSQL refuses text with NUL in it outright.
    const listed = checkListed(selection.callIds);
    if (!listed.ok) return listed;
    const picked = pickListed(listed.data, active, await trackedIds(db, listed.data));
    if (!picked.ok) return picked;
    calls = picked.data;
  }
  if (calls.length > MAX_BATCH_CALLS) {
    const problem = `A batch holds at most ${MAX_BATCH_CALLS} calls; this selection has ${calls.length}. Narrow it down first.`;
    return fail('invalid-input', problem, { callIds: problem });
  }
  return ok({ calls, needsConfirmation: calls.length > CONFIRM_ABOVE });
}

/** The listed CallIds, normalised and without repeats, when there are 1 to MAX_BATCH_CALLS and all are valid. */
function checkListed(listed: readonly string[]): Result<string[], 'invalid-input'> {
  if (listed.length === 0) return fail('invalid-input', 'Choose at least one call to disconnect.', { callIds: 'Choose at least one call.' });
  if (listed.length > MAX_BATCH_CALLS) {
    const problem = `A batch holds at most ${MAX_BATCH_CALLS} calls; ${listed.length} were sent.`;
    return fail('invalid-input', problem, { callIds: problem });
  }
  const wanted = [...new Set(listed.map((id) => normalizeCallId(id)))];
  const malformed = wanted.filter((id) => checkCallId(id) !== undefined).map(String);
  if (malformed.length > 0) {
    const problem = `${malformed.length} of the CallIds ${malformed.length === 1 ? 'is' : 'are'} not valid (${some(malformed)}): a CallId uses only letters, digits, "+", "/" and "=".`;
    return fail('invalid-input', problem, { callIds: problem });
  }
  return ok(wanted as string[]);
}

/** The chosen calls in the board's order, unless one is not tracked or has already ended. */
function pickListed(ids: readonly string[], active: readonly CallRow[], tracked: ReadonlySet<string>): Result<CallRow[], 'invalid-input'> {
  const byId = new Map(active.map((call) => [call.callId, call]));
  const untracked = ids.filter((id) => !tracked.has(id));
  const ended = ids.filter((id) => tracked.has(id) && !byId.has(id));
  if (untracked.length > 0 || ended.length > 0) {
    const parts = [
      untracked.length > 0 ? `${untracked.length} ${untracked.length === 1 ? 'is' : 'are'} not tracked (${some(untracked)})` : null,
      ended.length > 0 ? `${ended.length} ${ended.length === 1 ? 'has' : 'have'} already ended (${some(ended)})` : null,
    ].filter(Boolean);
    const problem = `Nothing was sent: of the calls chosen, ${parts.join(' and ')}. Refresh the board and choose again.`;
    return fail('invalid-input', problem, { callIds: problem });
  }
  // In the board's order, so a batch starts with the calls longest in their state.
  const chosen = new Set(ids);
  return ok(active.filter((call) => chosen.has(call.callId)));
}

async function trackedIds(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  // Chunks keep each statement under SQLite's limit on bound parameters.
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await db.selectFrom('calls').select('call_id').where('call_id', 'in', ids.slice(start, start + 500)).execute();
    for (const row of rows) found.add(row.call_id);
  }
  return found;
}
