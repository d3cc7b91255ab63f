import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema';
import type { UmReachability } from './types';

/** In `meta`: what the leading instance's poller last saw, so every instance's board shows it. */
const POLLER_META_KEY = 'poller_status';

const storedSchema = z.object({
  lastPollAt: z.number().nullable(),
  reachability: z.object({ answering: z.boolean(), since: z.number().nullable(), problem: z.string().nullable() }),
});

export interface SharedPollerStatus {
  readonly lastPollAt: number | null;
  readonly reachability: UmReachability;
}

export async function savePollerStatus(db: Kysely<Database>, status: SharedPollerStatus): Promise<void> {
  const value = JSON.stringify(status);
  await db
    .insertInto('meta')
    .values({ key: POLLER_META_KEY, value })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value }))
    .execute();
}

/** The leader's last round; null before the first (or when the stored value is unreadable). */
export async function readPollerStatus(db: Kysely<Database>): Promise<SharedPollerStatus | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', POLLER_META_KEY).executeTakeFirst();
  if (!row) return null;
  try {
    const parsed = storedSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
