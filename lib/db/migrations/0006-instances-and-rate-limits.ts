import type { Kysely } from 'kysely';

// Several console processes on one database: which processes there are (each holds a lock of its
// own on PostgreSQL while it lives), which of them owns a call's disconnect lock and a running
// bulk disconnect, and the API request counts every process shares.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('console_instances')
    .addColumn('instance_id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .execute();
  // SQLite adds one column per statement.
  await db.schema.alterTable('calls').addColumn('disconnect_instance_id', 'text').execute();
  await db.schema.alterTable('batches').addColumn('instance_id', 'text').execute();

  // One row per caller: the current fixed window's start and count, moved on by one upsert.
  await db.schema
    .createTable('api_rate_windows')
    .addColumn('caller', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('api_rate_windows_start').on('api_rate_windows').columns(['window_start']).execute();
}
