import { sql, type Kysely } from 'kysely';

// Column types are the portable subset: text, integer, bigint. SQLite-only statements are guarded.

export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('viewer', 'operator', 'auditor', 'admin')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('source_ip', 'text', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_attempts_email_at').on('sign_in_attempts').columns(['email', 'at']).execute();
  await db.schema.createIndex('sign_in_attempts_ip_at').on('sign_in_attempts').columns(['source_ip', 'at']).execute();

  await db.schema
    .createTable('calls')
    .addColumn('call_id', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text')
    .addColumn('server', 'text')
    .addColumn('added_by_id', 'text')
    .addColumn('added_by_email', 'text')
    .addColumn('added_via', 'text', (c) => c.notNull())
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addColumn('state', 'text')
    .addColumn('raw_state', 'text')
    .addColumn('event_cause', 'text')
    .addColumn('raw_event_cause', 'text')
    .addColumn('state_since', 'bigint')
    .addColumn('last_checked_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('last_error_kind', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ended_at', 'bigint')
    .addColumn('end_reason', 'text')
    .addColumn('disconnect_attempt_id', 'text')
    .addColumn('disconnect_started_at', 'bigint')
    .execute();
  await db.schema.createIndex('calls_ended_at').on('calls').columns(['ended_at', 'added_at']).execute();

  await db.schema
    .createTable('call_observations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull().references('calls.call_id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('raw_state', 'text', (c) => c.notNull())
    .addColumn('event_cause', 'text', (c) => c.notNull())
    .addColumn('raw_event_cause', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('call_observations_call_at').on('call_observations').columns(['call_id', 'at']).execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_email', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('auth_method', 'text', (c) => c.notNull())
    .addColumn('source_ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_call_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('outcome', 'text')
    .addColumn('fault_code', 'text')
    .addColumn('fault_text', 'text')
    .addColumn('um_latency_ms', 'integer')
    .addColumn('end_latency_ms', 'integer')
    .addColumn('attempt_id', 'text')
    .addColumn('batch_id', 'text')
    .addColumn('details', 'text')
    .addColumn('prev_hash', 'text')
    .addColumn('hash', 'text')
    .execute();
  for (const [name, columns] of [
    ['audit_events_at', ['at']],
    ['audit_events_actor_at', ['actor_id', 'at']],
    ['audit_events_action_at', ['action', 'at']],
    ['audit_events_outcome_at', ['outcome', 'at']],
    ['audit_events_call', ['target_call_id', 'seq']],
    ['audit_events_attempt', ['attempt_id']],
  ] as const) {
    await db.schema.createIndex(name).on('audit_events').columns([...columns]).execute();
  }

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  if (dialect === 'sqlite') {
    // The audit log is append-only in the database itself, not only by convention in the app.
    await sql`CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
  }
}
