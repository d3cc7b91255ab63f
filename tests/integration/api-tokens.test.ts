// API tokens: stored as a hash only, checked fresh on every request, managed with an audit trail.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { handleListCalls } from '../../lib/api/handlers/list-calls';
import { handleDisconnectCall } from '../../lib/api/handlers/disconnect-call';
import { handleTrackCall } from '../../lib/api/handlers/track-call';
import { listAuditEvents } from '../../lib/audit';
import { createApiToken, hashToken, issueApiToken, listApiTokens, withdrawApiToken } from '../../lib/auth/tokens';
import { disableUser, setUserRole } from '../../lib/auth/users';
import { person } from './calls-harness';
import { apiRequest, callPath, startApiHarness, type ApiHarness } from './api-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';

describeEachDatabase('API tokens', (kind) => {
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness(kind);
  });
  after(async () => {
    await h.close();
  });

  const listWith = (token: string) => handleListCalls(apiRequest('GET', '/calls', { token }), h.ctx);

  test('only a sha-256 of the token is stored, with a short prefix that does not reveal it', async () => {
    const created = await createApiToken(h.database.db, { userId: h.users.operator.id, name: 'stored-check', createdBy: 'test' });
    assert.ok(created.ok);
    const rows = await h.database.db.selectFrom('api_tokens').selectAll().where('id', '=', created.data.record.id).execute();
    assert.equal(rows.length, 1);
    const row = rows[0]!;
    assert.equal(row.token_hash, hashToken(created.data.token));
    assert.ok(!JSON.stringify(row).includes(created.data.token), 'the token itself is nowhere in the row');
    assert.ok(created.data.token.startsWith(row.prefix) && row.prefix.length <= 12);
  });

  test('a revoked token is refused with 401 at the very next request', async () => {
    const created = await issueApiToken(h.database.db, person('admin', 'ada'), { userId: h.users.operator.id, name: 'revoke-me' });
    assert.ok(created.ok);
    assert.equal((await listWith(created.data.token)).status, 200);
    const revoked = await withdrawApiToken(h.database.db, person('admin', 'ada'), created.data.record.id);
    assert.ok(revoked.ok);
    assert.equal((await listWith(created.data.token)).status, 401);
    const again = await withdrawApiToken(h.database.db, person('admin', 'ada'), created.data.record.id);
    assert.equal(again.ok ? 'ok' : again.error.code, 'already-revoked');
  });

  test("disabling the owner stops the owner's tokens at once", async () => {
    const second = await createApiToken(h.database.db, { userId: h.users.viewer.id, name: 'viewer-two', createdBy: 'test' });
    assert.ok(second.ok);
    assert.equal((await listWith(second.data.token)).status, 200);
    await disableUser(h.database.db, h.users.viewer.id);
    assert.equal((await listWith(second.data.token)).status, 401);
    assert.equal((await listWith(h.tokens.viewer)).status, 401);
  });

  test("a token acts with its owner's role as it is now: a demoted administrator's token gets 403 on disconnect and sends nothing", async () => {
    const created = await createApiToken(h.database.db, { userId: h.users.admin.id, name: 'admin-demoted', createdBy: 'test' });
    assert.ok(created.ok);
    const callId = await h.place('+15550200');
    const tracked = await handleTrackCall(apiRequest('POST', '/calls', { token: created.data.token, json: { callId } }), h.ctx);
    assert.equal(tracked.status, 201);
    await setUserRole(h.database.db, h.users.admin.id, 'viewer');
    const response = await handleDisconnectCall(
      apiRequest('POST', `${callPath(callId)}/disconnect`, { token: created.data.token, json: { reason: 'demoted' } }),
      h.ctx,
    );
    assert.equal(response.status, 403);
    assert.equal(h.simulator.getCall(callId)?.disconnectRequests, 0);
    await setUserRole(h.database.db, h.users.admin.id, 'admin');
  });

  test('creating and revoking are audited without the token, and two live tokens of one user cannot share a name', async () => {
    const manager = person('admin', 'ada');
    const created = await issueApiToken(h.database.db, manager, { userId: h.users.operator.id, name: 'nightly' });
    assert.ok(created.ok);
    const clash = await issueApiToken(h.database.db, manager, { userId: h.users.operator.id, name: 'nightly' });
    assert.equal(clash.ok ? 'ok' : clash.error.code, 'name-taken');
    const badName = await issueApiToken(h.database.db, manager, { userId: h.users.operator.id, name: 'has space' });
    assert.equal(badName.ok ? 'ok' : badName.error.code, 'invalid-input');
    await withdrawApiToken(h.database.db, manager, created.data.record.id);
    const reused = await issueApiToken(h.database.db, manager, { userId: h.users.operator.id, name: 'nightly' });
    assert.ok(reused.ok, 'a revoked name can be used again');
    const events = await listAuditEvents(h.database.db, { actor: 'ada@' }, { limit: 20 });
    const actions = events.items.filter((event) => event.details?.name === 'nightly').map((event) => event.action);
    assert.deepEqual(actions, ['token.create', 'token.revoke', 'token.create']);
    assert.ok(!JSON.stringify(events.items).includes(created.data.token));
    const listed = await listApiTokens(h.database.db);
    const nightly = listed.filter((token) => token.name === 'nightly');
    assert.equal(nightly.length, 2);
    assert.equal(nightly.filter((token) => token.revokedAt === null).length, 1);
  });

  test('a token records when it was last used', async () => {
    const created = await createApiToken(h.database.db, { userId: h.users.operator.id, name: 'last-used', createdBy: 'test' });
    assert.ok(created.ok);
    const before = (await listApiTokens(h.database.db)).find((token) => token.id === created.data.record.id);
    assert.equal(before?.lastUsedAt, null);
    await listWith(created.data.token);
    const afterUse = (await listApiTokens(h.database.db)).find((token) => token.id === created.data.record.id);
    assert.equal(typeof afterUse?.lastUsedAt, 'number');
  });
});
