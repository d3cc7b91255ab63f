import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { toCallRow } from './call-row';
import type { CallRow, CallView } from './types';

/** Ended calls kept in the registry grow without bound; a view shows the most recent ones. */
export const MAX_ENDED_SHOWN = 500;

/**
 * Tracked calls from the database only (never the UM service, so viewers add no SOAP traffic).
 * Active calls come longest-in-their-state first: those are the ones that may be stuck.
 */
export async function listCalls(db: Kysely<Database>, view: CallView): Promise<CallRow[]> {
  const active = view === 'ended' ? [] : await listActive(db);
  const ended = view === 'active' ? [] : await listEnded(db);
  return [...active, ...ended];
}

async function listActive(db: Kysely<Database>): Promise<CallRow[]> {
  const rows = await db
    .selectFrom('calls')
    .selectAll()
    .where('ended_at', 'is', null)
    .orderBy((eb) => eb.fn.coalesce('state_since', 'added_at'), 'asc')
    .orderBy('added_at', 'asc')
    .orderBy('call_id', 'asc')
    .execute();
  return rows.map(toCallRow);
}

async function listEnded(db: Kysely<Database>): Promise<CallRow[]> {
  const rows = await db
    .selectFrom('calls')
    .selectAll()
    .where('ended_at', 'is not', null)
    .orderBy('ended_at', 'desc')
    .orderBy('call_id', 'asc')
    .limit(MAX_ENDED_SHOWN)
    .execute();
  return rows.map(toCallRow);
}

/** One tracked call, or null when the console does not track it. */
export async function getCallRow(db: Kysely<Database>, callId: string): Promise<CallRow | null> {
  const row = await db.selectFrom('calls').selectAll().where('call_id', '=', callId).executeTakeFirst();
  return row ? toCallRow(row) : null;
}
