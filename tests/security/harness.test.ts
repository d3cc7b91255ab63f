import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../../lib/db/open-database';
import { isPostgresUrl } from '../../lib/db/postgres-url';
import { consoleDatabaseKind, consoleDatabaseUrl } from '../helpers/databases/console-database';
import { startSecurityTarget, type SecurityTarget } from './support/security-console';

describe('the security suite’s target', () => {
  let target: SecurityTarget;
  before(async () => {
    target = await startSecurityTarget();
  });
  after(() => target?.stop());

  it('is the production console talking to the counted simulator: a signed-in operator’s UM check reaches it', async () => {
    const before = target.umRequests();
    const cookie = await target.sessionCookie('operator');
    const response = await fetch(`${target.url}/api/v1/calls`, { headers: { cookie } });
    assert.equal(response.status, 200);
    // The home page runs the UM service check (IsUMEnabled) on the server.
    const home = await fetch(`${target.url}/`, { headers: { cookie } });
    assert.equal(home.status, 200);
    assert.ok(target.umRequests() > before, 'the console reached the simulator');
  });

  it(`keeps its records in the database this run names (${consoleDatabaseKind()})`, async () => {
    await target.sessionCookie('auditor');
    const url = await consoleDatabaseUrl(target.dataDir);
    assert.equal(isPostgresUrl(url), consoleDatabaseKind() === 'postgres');
    const database = await openDatabase(url);
    try {
      const signIns = await database.db.selectFrom('audit_events').select('actor_email').where('action', '=', 'auth.sign_in').where('outcome', '=', 'success').execute();
      assert.ok(signIns.some((row) => row.actor_email === 'auditor@e2e.example'), 'the console wrote the sign-in where the tests read it');
    } finally {
      await database.close();
    }
  });
});
