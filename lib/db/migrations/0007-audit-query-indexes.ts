import type { Kysely } from 'kysely';

// The audit page's "Disconnects" view joins each request to its completion by attempt_id and
// action. An index on both answers that join exactly, whatever the planner knows: with the
// attempt_id index alone, PostgreSQL without fresh statistics (a table that grew since autovacuum
// last analyzed it) combined it with the action index and read tens of thousands of rows per
// attempt — over 500 ms at 100,000 events instead of 6 ms. It replaces the attempt_id index, a
// prefix of it, so appends keep no more indexes up to date than before.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('audit_events_attempt_action').on('audit_events').columns(['attempt_id', 'action']).execute();
  await db.schema.dropIndex('audit_events_attempt').execute();
}
