import { sql, type Kysely } from 'kysely';

// PostgreSQL's counterpart of the append-only triggers SQLite got in 0001 and 0004: audit_events
// and audit_checkpoints refuse UPDATE, DELETE and TRUNCATE, except the DELETE of audit_events rows
// that a retention prune's permit covers. Nothing to do on SQLite.

export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect !== 'postgres') return;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('No current schema to protect the audit tables in.');
  // Fixed search_path and a qualified permit table: a session cannot slip in its own
  // audit_prune_permits (a temporary table, say) ahead of the real one and pass the check.
  const searchPath = sql`set search_path = ${sql.id(schema)}, pg_temp`;
  const permits = sql.id(schema, 'audit_prune_permits');

  await sql`create function audit_refuse_change() returns trigger language plpgsql ${searchPath} as $$
    begin
      raise exception '% is append-only', tg_table_name;
    end
  $$`.execute(db);
  await sql`create function audit_events_guard_delete() returns trigger language plpgsql ${searchPath} as $$
    begin
      if exists (select 1 from ${permits} where through_seq >= old.seq) then
        return old;
      end if;
      raise exception 'audit_events is append-only';
    end
  $$`.execute(db);

  for (const table of ['audit_events', 'audit_checkpoints'] as const) {
    const onDelete = table === 'audit_events' ? sql`audit_events_guard_delete` : sql`audit_refuse_change`;
    await sql`create trigger ${sql.id(`${table}_no_update`)} before update on ${sql.table(table)}
      for each row execute function audit_refuse_change()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_no_delete`)} before delete on ${sql.table(table)}
      for each row execute function ${onDelete}()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function audit_refuse_change()`.execute(db);
    // Nobody but the owner (and roles granted it explicitly) may even try; see README, PostgreSQL mode.
    await sql`revoke update, delete, truncate on ${sql.table(table)} from public`.execute(db);
  }
}
