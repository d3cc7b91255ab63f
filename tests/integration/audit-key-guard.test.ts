import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { appendAuditEvent } from '../../lib/audit';
import { AUDIT_KEY_FILE_NAME } from '../../lib/audit/chain/audit-key';
import { SYSTEM_ACTOR } from '../../lib/auth/actor';
import { createUser } from '../../lib/auth/users';
import { buildChildEnvironment } from '../../lib/config';
import { describeEachDatabase } from '../helpers/databases/each-database';
import { openTestDatabase, type TestDatabase } from '../helpers/databases/test-database';

const CONSOLE_KEY = Buffer.from('the-console-runs-with-this-audit-hmac-key-in-its-environment');

function runAdmin(args: readonly string[], env: Record<string, string | undefined>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/admin.ts', ...args], { env: buildChildEnvironment(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err }));
  });
}

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
    const run = await runAdmin(['create-token', '--email', 'ops@contoso.test', '--name', 'ci'], { DATA_DIR: dataDir, DATABASE_URL: database.url, AUDIT_HMAC_KEY: undefined });
    assert.notEqual(run.code, 0);
    assert.match(run.err, /audit key was not found[\s\S]*already depends on one[\s\S]*AUDIT_HMAC_KEY/);
    assert.equal(existsSync(path.join(dataDir, AUDIT_KEY_FILE_NAME)), false, 'no key file was created');
    const tokens = await database.db.selectFrom('api_tokens').select('id').execute();
    const events = await database.db.selectFrom('audit_events').select('seq').execute();
    assert.deepEqual([tokens.length, events.length], [0, 1], 'no token and no audit row');
  });

  it('with the console’s key the same command succeeds and the chain still verifies', async () => {
    const env = { DATA_DIR: dataDir, DATABASE_URL: database.url, AUDIT_HMAC_KEY: CONSOLE_KEY.toString('utf8') };
    const created = await runAdmin(['create-token', '--email', 'ops@contoso.test', '--name', 'ci'], env);
    assert.equal(created.code, 0, created.err);
    const verified = await runAdmin(['verify-audit'], env);
    assert.equal(verified.code, 0, verified.err);
    assert.match(verified.out, /Audit log OK/);
  });
});
