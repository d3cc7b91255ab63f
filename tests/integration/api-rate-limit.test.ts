// Too many requests from one caller get 429 with Retry-After, before any work is done.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { handleDisconnectCall } from '../../lib/api/handlers/disconnect-call';
import { handleListCalls } from '../../lib/api/handlers/list-calls';
import type { ApiContext } from '../../lib/api/api-context';
import { RateLimiter } from '../../lib/auth/tokens/rate-limit';
import { apiRequest, callPath, errorOf, startApiHarness, type ApiHarness } from './api-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';
import { openTestDatabase, type TestDatabase } from '../helpers/databases/test-database';

describeEachDatabase('API rate limiting', (kind) => {
  let h: ApiHarness;
  let now = 1_000_000;
  let ctx: ApiContext;
  before(async () => {
    h = await startApiHarness(kind);
    ctx = { ...h.ctx, auth: { ...h.ctx.auth, rateLimiter: new RateLimiter(h.database.db, { limit: 3, windowMs: 60_000, clock: () => now }) } };
  });
  after(async () => {
    await h.close();
  });

  test('a token over its limit gets 429 with Retry-After, other callers are not affected, and the window resets', async () => {
    const list = (token: string) => handleListCalls(apiRequest('GET', '/calls', { token }), ctx);
    for (let i = 0; i < 3; i += 1) assert.equal((await list(h.tokens.viewer)).status, 200);
    const throttled = await list(h.tokens.viewer);
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '60');
    assert.equal((await errorOf(throttled)).code, 'throttled');
    assert.equal((await list(h.tokens.operator)).status, 200, 'another token has its own count');
    now += 60_000;
    assert.equal((await list(h.tokens.viewer)).status, 200);
  });

  test('a throttled disconnect sends nothing to the UM service and writes nothing', async () => {
    const callId = await h.place('+1 425 555 0771');
    const disconnect = () =>
      handleDisconnectCall(apiRequest('POST', `${callPath(callId)}/disconnect`, { token: h.tokens.admin, json: { reason: "flood" } }), ctx);
    for (let i = 0; i < 3; i += 1) await handleListCalls(apiRequest('GET', '/calls', { token: h.tokens.admin }), ctx);
    const before = h.simulator.requestCount();
    const audited = await h.database.db.selectFrom('audit_events').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const response = await disconnect();
    assert.equal(response.status, 429);
    assert.equal(h.simulator.requestCount(), before);
    const after = await h.database.db.selectFrom('audit_events').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(audited.n));
  });

  test('a flood of bad tokens from one address is throttled too', async () => {
    const bad = () => handleListCalls(apiRequest('GET', '/calls', { token: 'umcc_not-a-real-token', headers: { 'x-forwarded-for': '198.51.100.7' } }), ctx);
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await bad()).status);
    assert.deepEqual(statuses, [401, 401, 401, 429]);
  });
});

describeEachDatabase('API rate limiting across instances', (kind) => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase(kind);
  });
  after(async () => {
    await database.dispose();
  });

  test('two handles on one database (two console instances) count one caller together, and one window ends for both', async () => {
    let now = 5_000_000;
    const other = await database.open();
    const options = { limit: 4, windowMs: 60_000, clock: () => now };
    const here = new RateLimiter(database.db, options);
    const there = new RateLimiter(other.db, options);
    const key = 'user-1|token';
    const decisions = [];
    for (const limiter of [here, there, here, there, here, there]) decisions.push(await limiter.take(key));
    assert.deepEqual(
      decisions.map((decision) => decision.ok),
      [true, true, true, true, false, false],
    );
    assert.deepEqual(decisions[5], { ok: false, retryAfterSeconds: 60 });
    assert.equal((await here.take('user-2|token')).ok, true, 'another caller has its own count');
    now += 30_000;
    assert.deepEqual(await there.take(key), { ok: false, retryAfterSeconds: 30 });
    now += 30_000;
    assert.equal((await there.take(key)).ok, true, 'a new window on either instance');
    assert.equal((await here.take(key)).ok, true);
  });
});
