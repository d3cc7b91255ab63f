// A calls table that refuses to record a disconnect's outcome on the call's row, written for either
// kind: the grouped commit of an outcome (row, completion, lock release) then fails as a whole.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../../lib/db/dialect-of';
import type { Database } from '../../../lib/db/schema';

/** Installs the refusing trigger; resolves to the function that removes it again. */
export async function refuseLastDisconnectUpdates(db: Kysely<Database>): Promise<() => Promise<void>> {
  if (dialectOf(db) === 'postgres') {
    await sql`create function test_refuse_last_disconnect() returns trigger language plpgsql as $$
      begin raise exception 'simulated row failure'; end
    $$`.execute(db);
    await sql`create trigger test_refuse_last_disconnect before update of last_disconnect_attempt_id on calls
      for each row execute function test_refuse_last_disconnect()`.execute(db);
    return async () => {
      await sql`drop trigger test_refuse_last_disconnect on calls`.execute(db);
      await sql`drop function test_refuse_last_disconnect()`.execute(db);
    };
  }
  await sql`create trigger test_refuse_last_disconnect before update of last_disconnect_attempt_id on calls
    begin select raise(abort, 'simulated row failure'); end`.execute(db);
  return async () => {
    await sql`drop trigger test_refuse_last_disconnect`.execute(db);
  };
}
