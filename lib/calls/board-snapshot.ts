import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { clockOf, type Clock } from './deps';
import { listCalls } from './list-calls';
import type { PollerStatus } from './poller';
import { INITIAL_REACHABILITY } from './reachability';
import { getStuckRules } from './stuck/stuck-rules-store';
import type { BoardSnapshot, CallView } from './types';

/** What the board's GET route returns: stored state only, so any number of viewers costs no SOAP traffic. */
export async function getBoardSnapshot(
  db: Kysely<Database>,
  poller: PollerStatus | null,
  view: CallView = 'active',
  clock?: Clock,
  filter: { readonly stuckOnly?: boolean } = {},
): Promise<BoardSnapshot> {
  const now = clockOf({ clock })();
  const rules = await getStuckRules(db);
  const calls = await listCalls(db, view, { rules, now, stuckOnly: filter.stuckOnly ?? false });
  // The count covers every active call, whatever the view and filter show.
  const active = view === 'ended' ? await listCalls(db, 'active', { rules, now }) : calls;
  return {
    calls,
    generatedAt: now,
    pollIntervalMs: poller?.intervalMs ?? 0,
    lastPollAt: poller?.lastPollAt ?? null,
    pollerLeading: poller?.leading ?? false,
    um: poller?.reachability ?? INITIAL_REACHABILITY,
    stuckCount: active.filter((call) => !call.ended && call.stuck !== null).length,
    stuckRules: rules,
  };
}
