// The bulk disconnect API: POST /api/v1/calls/disconnect, GET /api/v1/batches/{batchId} and its
// cancel, called as route handlers with real Requests, against a temp database and the simulator.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { handleCancelBatch } from '../../lib/api/handlers/cancel-batch';
import { handleGetBatch } from '../../lib/api/handlers/get-batch';
import { handleBulkDisconnect } from '../../lib/api/handlers/start-batch';
import { handleTrackCall } from '../../lib/api/handlers/track-call';
import { batchResponseSchema, batchStartedResponseSchema } from '../../lib/api/batch-schemas';
import { listAuditEvents } from '../../lib/audit';
import { waitForBatches } from '../../lib/calls';
import { eventually, UNKNOWN_CALL_ID } from './calls-harness';
import { apiRequest, errorOf, startApiHarness, type ApiHarness } from './api-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';

describeEachDatabase('the bulk disconnect API', (kind) => {
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness(kind);
  });
  after(async () => {
    await waitForBatches(h.database.db);
    await h.close();
  });

  let serial = 0;
  async function registered(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      serial += 1;
      const callId = await h.place(`+1 425 555 ${String(200 + serial).padStart(4, '0')}`);
      const response = await handleTrackCall(apiRequest('POST', '/calls', { token: h.tokens.operator, json: { callId } }), h.ctx);
      assert.equal(response.status, 201);
      ids.push(callId);
    }
    return ids;
  }

  const bulk = (token: string | undefined, json: unknown) =>
    handleBulkDisconnect(apiRequest('POST', '/calls/disconnect', { ...(token ? { token } : {}), json }), h.ctx);
  const readBatch = (batchId: string, token = h.tokens.viewer) =>
    handleGetBatch(apiRequest('GET', `/batches/${encodeURIComponent(batchId)}`, { token }), h.ctx);

  describe('POST /calls/disconnect', () => {
    test('an operator token starts a batch (202 with its status URL); the batch page shows every outcome and each attempt is audited under it', async () => {
      const callIds = await registered(12);
      const response = await bulk(h.tokens.operator, { callIds, reason: 'API bulk', expectedCount: 12 });
      assert.equal(response.status, 202, await response.clone().text());
      const started = batchStartedResponseSchema.parse(await response.json());
      assert.equal(started.total, 12);
      assert.equal(started.statusUrl, `/api/v1/batches/${started.batchId}`);
      assert.equal(response.headers.get('location'), started.statusUrl);

      const batch = await eventually(
        async () => batchResponseSchema.parse(await (await readBatch(started.batchId)).json()).batch,
        (b) => b.status === 'finished',
        20_000,
      );
      assert.equal(batch.counts.settled, 12);
      assert.equal(batch.counts.byOutcome.confirmed, 12);
      const attempts = await listAuditEvents(h.database.db, { action: 'disconnect.completed' }, { limit: 100 });
      const mine = attempts.items.filter((e) => e.batchId === started.batchId);
      assert.equal(mine.length, 12);
      assert.ok(mine.every((e) => e.authMethod === 'token:operator-script'));
    });

    test('no token is 401, a viewer token 403 (audited, nothing sent), and a wrong method 405', async () => {
      const callIds = await registered(1);
      const before = h.simulator.requestCount('Disconnect');
      const none = await bulk(undefined, { callIds, reason: 'x' });
      assert.equal(none.status, 401);
      assert.equal((await errorOf(none)).code, 'unauthenticated');
      const viewer = await bulk(h.tokens.viewer, { callIds, reason: 'x' });
      assert.equal(viewer.status, 403);
      assert.equal((await errorOf(viewer)).code, 'forbidden');
      assert.equal(h.simulator.requestCount('Disconnect'), before, 'nothing reached the UM service');
      const denied = await listAuditEvents(h.database.db, { action: 'batch.start', outcome: 'denied' }, { limit: 5 });
      assert.equal(denied.items[0]?.actorEmail, 'viewer@api.test');
      const route = await import('../../app/api/v1/calls/disconnect/route');
      const get = await route.GET(new Request('http://127.0.0.1/api/v1/calls/disconnect'));
      assert.equal(get.status, 405);
      assert.equal(get.headers.get('allow'), 'POST');
    });

    test('invalid input is 400 with the field: no reason, an untracked call, a non-list, a count that does not match above 10 calls', async () => {
      const callIds = await registered(11);
      const noReason = await bulk(h.tokens.operator, { callIds: callIds.slice(0, 1), reason: '' });
      assert.equal(noReason.status, 400);
      assert.equal((await errorOf(noReason)).field, 'reason');
      const untracked = await bulk(h.tokens.operator, { callIds: [UNKNOWN_CALL_ID], reason: 'who?' });
      assert.equal(untracked.status, 400);
      assert.equal((await errorOf(untracked)).field, 'callIds');
      const notAList = await bulk(h.tokens.operator, { callIds: 'all of them', reason: 'x' });
      assert.equal(notAList.status, 400);
      assert.equal((await errorOf(notAList)).field, 'callIds');
      const missing = await bulk(h.tokens.operator, { callIds, reason: 'eleven' });
      assert.equal(missing.status, 400);
      const mismatch = await bulk(h.tokens.operator, { callIds, reason: 'eleven', expectedCount: 12 });
      assert.equal(mismatch.status, 400);
      const error = await errorOf(mismatch);
      assert.equal(error.code, 'confirmation-mismatch');
      assert.equal(error.field, 'expectedCount');
      const wrongType = await handleBulkDisconnect(apiRequest('POST', '/calls/disconnect', { token: h.tokens.operator, body: 'callIds=1', contentType: 'text/plain' }), h.ctx);
      assert.equal(wrongType.status, 415);
    });

    test('a CallId with a NUL or other characters no CallId has is 400 before any query (PostgreSQL refuses NUL in text)', async () => {
      const [tracked] = await registered(1);
      for (const hostile of ['QUFB\u0000QkJC', 'QUFB\u202eQkJC', "QUFB' or '1'='1"]) {
        const response = await bulk(h.tokens.operator, { callIds: [tracked, hostile], reason: 'Hostile CallId' });
        assert.equal(response.status, 400, `${JSON.stringify(hostile)}: ${await response.clone().text()}`);
        const error = await errorOf(response);
        assert.equal(error.field, 'callIds');
        assert.match(error.message, /1 of the CallIds is not valid/);
      }
      const batches = await h.database.db.selectFrom('batches').select('batch_id').where('reason', '=', 'Hostile CallId').execute();
      assert.deepEqual(batches, [], 'no batch was started');
    });

    test('a call already waiting in a running batch is 409 for a second batch; the first can be cancelled once (200, then 409)', async () => {
      const callIds = await registered(3);
      h.simulator.setLatency(300);
      try {
        const first = await bulk(h.tokens.operator, { callIds, reason: 'first' });
        assert.equal(first.status, 202);
        const { batchId } = batchStartedResponseSchema.parse(await first.json());
        const second = await bulk(h.tokens.admin, { callIds: [callIds[2]], reason: 'second' });
        assert.equal(second.status, 409);
        assert.equal((await errorOf(second)).code, 'in-progress');

        const viewerCancel = await handleCancelBatch(apiRequest('POST', `/batches/${batchId}/cancel`, { token: h.tokens.viewer }), h.ctx);
        assert.equal(viewerCancel.status, 403);
        const cancel = await handleCancelBatch(apiRequest('POST', `/batches/${batchId}/cancel`, { token: h.tokens.operator }), h.ctx);
        assert.equal(cancel.status, 200);
        assert.equal(batchResponseSchema.parse(await cancel.json()).batch.status, 'cancelled');
        const again = await handleCancelBatch(apiRequest('POST', `/batches/${batchId}/cancel`, { token: h.tokens.operator }), h.ctx);
        assert.equal(again.status, 409);
        await waitForBatches(h.database.db);
      } finally {
        h.simulator.setLatency(0);
      }
    });
  });

  describe('GET /batches/{batchId}', () => {
    test('an unknown batch is 404, and no token is 401', async () => {
      const missing = await readBatch('00000000-0000-4000-8000-000000000000');
      assert.equal(missing.status, 404);
      assert.equal((await errorOf(missing)).code, 'not-found');
      const anonymous = await handleGetBatch(apiRequest('GET', '/batches/whatever'), h.ctx);
      assert.equal(anonymous.status, 401);
      const cancelUnknown = await handleCancelBatch(apiRequest('POST', '/batches/nope/cancel', { token: h.tokens.operator }), h.ctx);
      assert.equal(cancelUnknown.status, 404);
    });
  });
});
