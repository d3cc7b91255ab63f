import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { clockOf, type Clock } from './deps';
import { listCalls } from './list-calls';
import type { PollerStatus } from './poller';
import { INITIAL_REACHABILITY } from './reachability';
import type { BoardSnapshot, CallView } from './types';

/** What the board's GET route returns: stored state only, so any number of viewers costs no SOAP traffic. */
export async function getBoardSnapshot(
  db: Kysely<Database>,
  poller: PollerStatus | null,
  view: CallView = 'active',
  clock?: Clock,
): Promise<BoardSnapshot> {
  const calls = await listCalls(db, view);
  return {
    calls,
    generatedAt: clockOf({ clock })(),
    pollIntervalMs: poller?.intervalMs ?? 0,
    lastPollAt: poller?.lastPollAt ?? null,
    um: poller?.reachability ?? INITIAL_REACHABILITY,
  };
}
