import type { Kysely } from 'kysely';

// Who made a call's last status check (poll, track, precheck, verify, recovery), beside its time:
// a bulk disconnect may go straight to the Disconnect of a call the console saw up moments ago,
// and its audit record names where that sighting came from. Rows from before stay null and are
// always checked afresh.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('calls').addColumn('last_checked_source', 'text').execute();
}
