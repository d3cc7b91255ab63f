import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { getBatch } from '../../lib/calls';
import { readEnvironmentVariable } from '../../lib/config';
import { sharedSecretsFor } from '../helpers/databases/shared-secrets';
import { openTestDatabase, type TestDatabase } from '../helpers/databases/test-database';
import { describeEachDatabase } from '../helpers/databases/each-database';

describeEachDatabase('a restart over a running bulk disconnect', (kind) => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase(kind);
  });
  after(() => database.dispose());

  const BATCH_ID = '5a5a5a5a-0000-4000-8000-000000000001';

  it('a console starting over a batch its previous process left running marks it interrupted, says so, and sends none of its calls', async () => {
    const at = Date.now() - 60_000;
    const callIds = ['QUFBQQ==', 'QkJCQg==', 'Q0NDQw=='];
    await database.db
      .insertInto('calls')
      .values(callIds.map((call_id) => ({ call_id, label: null, server: null, added_by_id: null, added_by_email: null, added_via: 'api', added_at: at, consecutive_failures: 0 })))
      .execute();
    await database.db
      .insertInto('batches')
      .values({ batch_id: BATCH_ID, created_at: at, created_by_id: 'u1', created_by_email: 'olivia@contoso.test', reason: 'before the crash', status: 'running', status_message: null, total: 3, selection: null, updated_at: at, finished_at: null })
      .execute();
    await database.db
      .insertInto('batch_items')
      .values(callIds.map((call_id, index) => ({ batch_id: BATCH_ID, position: index + 1, call_id, label: null, status: index === 0 ? 'running' : 'pending', started_at: index === 0 ? at : null })))
      .execute();

    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'runtime-child.ts')], {
      env: { PATH: readEnvironmentVariable('PATH') ?? '/usr/bin:/bin', NODE_ENV: 'test', NEXT_RUNTIME: 'nodejs', DATA_DIR: database.dir, DATABASE_URL: database.url, POLL_INTERVAL_MS: '60000', ...sharedSecretsFor(database.url) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0, output);
    assert.match(output, new RegExp(`Bulk disconnect ${BATCH_ID} was interrupted by the last shutdown; 3 call\\(s\\) stay unsent`));

    // A fresh handle, as the next process would read it.
    const reopened = await database.open();
    const batch = await getBatch(reopened.db, BATCH_ID);
    assert.equal(batch?.status, 'interrupted');
    // The first call was claimed but its request never reached the audit log: nothing was sent, so it is unsent again.
    assert.deepEqual(batch?.items.map((item) => item.status), ['pending', 'pending', 'pending']);
    const attempts = await reopened.db.selectFrom('audit_events').select('action').where('action', '=', 'disconnect.requested').execute();
    assert.equal(attempts.length, 0, 'no disconnect was sent at start');
    const interrupt = await reopened.db.selectFrom('audit_events').selectAll().where('action', '=', 'batch.interrupt').execute();
    assert.equal(interrupt.length, 1);
    assert.equal(interrupt[0]?.auth_method, 'system');
  });
});
