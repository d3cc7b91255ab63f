import type { Kysely } from 'kysely';

// Stuck-call rules (settings), the last disconnect of each call (for the "still up after an
// accepted disconnect" rule), and bulk disconnect runs with one item per call.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  // SQLite adds one column per statement.
  await db.schema.alterTable('calls').addColumn('last_disconnect_at', 'bigint').execute();
  await db.schema.alterTable('calls').addColumn('last_disconnect_accepted_at', 'bigint').execute();
  await db.schema.alterTable('calls').addColumn('last_disconnect_outcome', 'text').execute();
  await db.schema.alterTable('calls').addColumn('last_disconnect_attempt_id', 'text').execute();

  await db.schema
    .createTable('batches')
    .addColumn('batch_id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_by_email', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_message', 'text')
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('selection', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('batches_created_at').on('batches').columns(['created_at']).execute();
  await db.schema.createIndex('batches_status').on('batches').columns(['status']).execute();

  await db.schema
    .createTable('batch_items')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.batch_id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('error_code', 'text')
    .addColumn('message', 'text')
    .addColumn('fault_code', 'text')
    .addColumn('attempt_id', 'text')
    .addColumn('audit_seq', 'bigint')
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addPrimaryKeyConstraint('batch_items_pk', ['batch_id', 'position'])
    .execute();
  await db.schema.createIndex('batch_items_call_status').on('batch_items').columns(['call_id', 'status']).execute();
  await db.schema.createIndex('batch_items_batch_status').on('batch_items').columns(['batch_id', 'status']).execute();
}
