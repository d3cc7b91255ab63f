import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { listCalls } from '../list-calls';

/** How many tracked calls are stuck now, for the page title and the navigation. */
export async function countStuckCalls(db: Kysely<Database>, now: number = Date.now()): Promise<number> {
  const calls = await listCalls(db, 'active', { now });
  return calls.filter((call) => call.stuck !== null).length;
}
