import { sql, type Kysely } from 'kysely';

// API tokens: only a sha-256 of each token is kept, with a short prefix that is safe to show.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('revoked_by', 'text')
    .execute();
  // A name is the token's auth method in the audit log, so two live tokens of one user never share it.
  await db.schema
    .createIndex('api_tokens_live_name')
    .on('api_tokens')
    .columns(['user_id', 'name'])
    .unique()
    .where(sql.ref('revoked_at'), 'is', null)
    .execute();
}
