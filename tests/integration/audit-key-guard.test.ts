import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { appendAuditEvent } from '../../lib/audit';
import { AUDIT_KEY_FILE_NAME } from '../../lib/audit/chain/audit-key';
import { SYSTEM_ACTOR } from '../../lib/auth/actor';
import { createUser } from '../../lib/auth/users';
import { describeEachDatabase } from '../helpers/databases/each-database';
import { openTestDatabase, type TestDatabase } from '../helpers/databases/test-database';
import { runAdminCommand } from '../helpers/admin-command';

const CONSOLE_KEY = Buffer.from('the-console-runs-with-this-audit-hmac-key-in-its-environment');

describeEachDatabase('a process without the console’s audit key', (kind) => {
  let database: TestDatabase;
  let dataDir: string;
  before(async () => {
    database = await openTestDatabase(kind);
    dataDir = database.dir;
    await createUser(database.db, { email: 'ops@contoso.test', displayName: 'Ops', role: 'operator', password: 'a long enough password' });
    await appendAuditEvent(database.db, { action: 'call.track', actor: SYSTEM_ACTOR, outcome: 'success' }, Date.now, { key: CONSOLE_KEY });
  });
  after(() => database.dispose());

  it('refuses to mint a fresh key for a log that is already chained: the command fails, says why, and writes nothing', async () => {
    const run = await runAdminCommand(['create-token', '--email', 'ops@contoso.test', '--name', 'ci'], { env: { DATA_DIR: dataDir, DATABASE_URL: database.url, AUDIT_HMAC_KEY: undefined } });
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /audit key was not found[\s\S]*already depends on one[\s\S]*AUDIT_HMAC_KEY/);
    assert.equal(existsSync(path.join(dataDir, AUDIT_KEY_FILE_NAME)), false, 'no key file was created');
    const tokens = await database.db.selectFrom('api_tokens').select('id').execute();
    const events = await database.db.selectFrom('audit_events').select('seq').execute();
    assert.deepEqual([tokens.length, events.length], [0, 1], 'no token and no audit row');
  });

  it('with the console’s key the same command succeeds and the chain still verifies', async () => {
    const env = { DATA_DIR: dataDir, DATABASE_URL: database.url, AUDIT_HMAC_KEY: CONSOLE_KEY.toString('utf8') };
    const created = await runAdminCommand(['create-token', '--email', 'ops@contoso.test', '--name', 'ci'], { env });
    assert.equal(created.code, 0, created.stderr);
    const verified = await runAdminCommand(['verify-audit'], { env });
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /Audit log OK/);
  });
});
