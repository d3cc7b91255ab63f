// The production build under `next start` in PostgreSQL mode (DATABASE_URL=postgres://…?schema=…):
// a person signs in and lists the calls, and all of it is read from and written to PostgreSQL.
// The rest of this stage runs on SQLite, the console's default; tests/integration runs every
// database test on both.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { callsResponseSchema } from '../../lib/api/schemas';
import { DEMO_CALLS } from '../../lib/calls';
import { buildIfStale } from '../../lib/cli/build-if-stale';
import { E2E_USERS, sessionCookieFor } from '../e2e/support/auth-users';
import { startConsole, type RunningConsole } from '../e2e/support/start-console';
import { describeForDatabase } from '../helpers/databases/each-database';
import { openTestDatabase, type TestDatabase } from '../helpers/databases/test-database';

describeForDatabase('postgres', 'the production server in PostgreSQL mode', () => {
  let database: TestDatabase;
  let running: RunningConsole | undefined;
  before(async () => {
    await buildIfStale({ root: process.cwd() });
    database = await openTestDatabase('postgres');
    running = await startConsole({ env: { DATABASE_URL: database.url } });
  });
  after(async () => {
    await running?.stop();
    await database?.dispose();
  });

  it('signs a person in and lists the calls, with the session, the calls and the audit trail all in PostgreSQL', async () => {
    const url = running?.url ?? '';
    const cookie = await sessionCookieFor(url, E2E_USERS.operator);
    assert.match(cookie, /umcc-session=/, `not signed in; the server said:\n${running?.output() ?? ''}`);

    const response = await fetch(`${url}/api/v1/calls`, { headers: { cookie } });
    assert.equal(response.status, 200);
    const { calls } = callsResponseSchema.parse(await response.json());
    assert.deepEqual(calls.map((call) => call.label).sort(), DEMO_CALLS.map((demo) => demo.label).sort());
    const board = await fetch(`${url}/calls`, { headers: { cookie } });
    assert.equal(board.status, 200);
    assert.ok((await board.text()).includes('Demo: reception'), 'the board lists the demo calls');

    const stored = await database.db.selectFrom('calls').select('call_id').execute();
    assert.deepEqual(stored.map((row) => row.call_id).sort(), calls.map((call) => call.callId).sort());
    const signIns = await database.db
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'auth.sign_in')
      .where('outcome', '=', 'success')
      .where('actor_email', '=', E2E_USERS.operator.email)
      .execute();
    assert.equal(signIns.length, 1, 'the sign-in is on record in PostgreSQL');
    assert.equal(existsSync(path.join(running?.dataDir ?? '', 'console.db')), false, 'no SQLite database was made');
  });
});
