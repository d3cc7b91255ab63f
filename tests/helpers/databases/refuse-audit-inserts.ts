// A database that refuses to store audit rows, as a full disk or a broken connection would: a
// trigger that aborts the INSERT, written for either kind. Tests use it to show that nothing is
// sent to the UM service unless its request is on record.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../../lib/db/dialect-of';
import type { Database } from '../../../lib/db/schema';

export interface RefusalOptions {
  /** The error text the database raises. */
  readonly message: string;
  /** Refuse only rows with this action; every row when absent. */
  readonly onlyAction?: string;
}

/** Installs the refusing trigger; resolves to the function that removes it again. */
export async function refuseAuditInserts(db: Kysely<Database>, { message, onlyAction }: RefusalOptions): Promise<() => Promise<void>> {
  if (dialectOf(db) === 'postgres') {
    const condition = onlyAction === undefined ? sql`true` : sql`new.action = ${sql.lit(onlyAction)}`;
    await sql`create function test_refuse_audit_insert() returns trigger language plpgsql as $$
      begin
        if ${condition} then raise exception ${sql.lit(message)}; end if;
        return new;
      end
    $$`.execute(db);
    await sql`create trigger test_refuse_audit_insert before insert on audit_events for each row execute function test_refuse_audit_insert()`.execute(db);
    return async () => {
      await sql`drop trigger test_refuse_audit_insert on audit_events`.execute(db);
      await sql`drop function test_refuse_audit_insert()`.execute(db);
    };
  }
  const when = onlyAction === undefined ? sql`` : sql`when new.action = ${sql.lit(onlyAction)}`;
  await sql`create trigger test_refuse_audit_insert before insert on audit_events ${when}
    begin select raise(abort, ${sql.lit(message)}); end`.execute(db);
  return async () => {
    await sql`drop trigger test_refuse_audit_insert`.execute(db);
  };
}
