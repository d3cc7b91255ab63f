import { sql, type Kysely } from 'kysely';

// Signed checkpoints of the audit log's head, and the one controlled way rows leave the log:
// a retention prune, allowed row by row only while a permit covering them exists.

export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('periodic', 'on-demand', 'before-prune')`))
    .addColumn('requested_by', 'text')
    .execute();
  await db.schema.createIndex('audit_checkpoints_seq').on('audit_checkpoints').columns(['seq', 'at']).execute();

  // Inserted and removed inside the pruning transaction; never holds a row outside it.
  await db.schema
    .createTable('audit_prune_permits')
    .addColumn('through_seq', 'bigint', (c) => c.primaryKey())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  if (dialect === 'sqlite') {
    await sql`CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
      BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
      BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END`.execute(db);
    // Same name as before, so the rule stays one trigger: a DELETE of audit_events still aborts
    // unless the pruning transaction has put up a permit covering that row.
    await sql`DROP TRIGGER IF EXISTS audit_events_no_delete`.execute(db);
    await sql`CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      WHEN NOT EXISTS (SELECT 1 FROM audit_prune_permits WHERE through_seq >= OLD.seq)
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
  }
}
