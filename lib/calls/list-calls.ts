import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { toCallRow } from './call-row';
import { getStuckRules } from './stuck/stuck-rules-store';
import type { StuckRules } from './stuck/stuck-rules';
import type { CallListOptions, CallRow, CallView } from './types';

/** Ended calls kept in the registry grow without bound; a view shows the most recent ones. */
export const MAX_ENDED_SHOWN = 500;

interface Verdicts {
  readonly rules: StuckRules;
  readonly now: number;
}

/**
 * Tracked calls from the database only (never the UM service, so viewers add no SOAP traffic),
 * each with its stuck verdict. Active calls come longest-in-their-state first: those are the ones
 * that may be stuck. `stuckOnly` keeps the stuck ones (ended calls are never stuck).
 */
export async function listCalls(db: Kysely<Database>, view: CallView, options: CallListOptions = {}): Promise<CallRow[]> {
  const verdicts = { rules: options.rules ?? (await getStuckRules(db)), now: options.now ?? Date.now() };
  const active = view === 'ended' ? [] : await listActive(db, verdicts);
  const ended = view === 'active' || options.stuckOnly ? [] : await listEnded(db, verdicts);
  const calls = [...active, ...ended];
  return options.stuckOnly ? calls.filter((call) => call.stuck !== null) : calls;
}

async function listActive(db: Kysely<Database>, { rules, now }: Verdicts): Promise<CallRow[]> {
  const rows = await db
    .selectFrom('calls')
    .selectAll()
    .where('ended_at', 'is', null)
    .orderBy((eb) => eb.fn.coalesce('state_since', 'added_at'), 'asc')
    .orderBy('added_at', 'asc')
    .orderBy('call_id', 'asc')
    .execute();
  return rows.map((row) => toCallRow(row, rules, now));
}

async function listEnded(db: Kysely<Database>, { rules, now }: Verdicts): Promise<CallRow[]> {
  const rows = await db
    .selectFrom('calls')
    .selectAll()
    .where('ended_at', 'is not', null)
    .orderBy('ended_at', 'desc')
    .orderBy('call_id', 'asc')
    .limit(MAX_ENDED_SHOWN)
    .execute();
  return rows.map((row) => toCallRow(row, rules, now));
}

/** One tracked call (with its stuck verdict now), or null when the console does not track it. */
export async function getCallRow(db: Kysely<Database>, callId: string, options: Omit<CallListOptions, 'stuckOnly'> = {}): Promise<CallRow | null> {
  const row = await db.selectFrom('calls').selectAll().where('call_id', '=', callId).executeTakeFirst();
  if (!row) return null;
  return toCallRow(row, options.rules ?? (await getStuckRules(db)), options.now ?? Date.now());
}
