import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db/dialect-of';
import type { Database } from '../db/schema';
import { COORDINATION_CLASS, instanceKey } from './advisory-keys';

/**
 * Which of these instances are alive now: on PostgreSQL, those whose session still holds its
 * instance lock (the server drops it the moment the process or its connection dies). On SQLite one
 * process serves the file, so no other instance counts as alive: everything not running in this
 * process was cut short, as before instances existed.
 */
export async function findLiveInstances(db: Kysely<Database>, instanceIds: readonly string[]): Promise<ReadonlySet<string>> {
  const ids = [...new Set(instanceIds)];
  if (ids.length === 0 || dialectOf(db) !== 'postgres') return new Set();
  const { rows } = await sql<{ id: string }>`
    select id from unnest(${ids}::text[]) as ids(id)
    where exists (
      select 1 from pg_locks l
      where l.locktype = 'advisory' and l.granted and l.objsubid = 2
        and l.database = (select oid from pg_database where datname = current_database())
        and l.classid = ${COORDINATION_CLASS}::oid
        and l.objid = (${instanceKey(sql.ref('ids.id'))})::oid
    )`.execute(db);
  return new Set(rows.map((row) => row.id));
}

/** Registered instances whose process is gone (never this one): what they left behind needs closing. */
export async function findDeadInstances(db: Kysely<Database>, selfId: string): Promise<string[]> {
  const rows = await db.selectFrom('console_instances').select('instance_id').where('instance_id', '!=', selfId).execute();
  const ids = rows.map((row) => row.instance_id);
  const live = await findLiveInstances(db, ids);
  return ids.filter((id) => !live.has(id));
}

/** Removes the rows of instances whose leftovers have been closed. */
export async function forgetInstances(db: Kysely<Database>, instanceIds: readonly string[]): Promise<void> {
  if (instanceIds.length === 0) return;
  await db.deleteFrom('console_instances').where('instance_id', 'in', [...instanceIds]).execute();
}
