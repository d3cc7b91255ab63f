// The attacker's first move on the audit tables, for the tamper tests: someone with write access to
// the database file (SQLite) or the owner's role (PostgreSQL), but not to the key.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../../lib/db/dialect-of';
import type { Database } from '../../../lib/db/schema';

/** Switches off the triggers that keep audit_events and audit_checkpoints append-only. */
export async function dropAppendOnlyTriggers(db: Kysely<Database>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(db);
    await sql`ALTER TABLE audit_checkpoints DISABLE TRIGGER USER`.execute(db);
    return;
  }
  await sql`DROP TRIGGER IF EXISTS audit_events_no_update`.execute(db);
  await sql`DROP TRIGGER IF EXISTS audit_events_no_delete`.execute(db);
  await sql`DROP TRIGGER IF EXISTS audit_checkpoints_no_update`.execute(db);
  await sql`DROP TRIGGER IF EXISTS audit_checkpoints_no_delete`.execute(db);
}
