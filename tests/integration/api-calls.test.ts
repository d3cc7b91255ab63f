// The REST API's call routes, called as route handlers with real Requests, against a test database
// (SQLite and PostgreSQL) and the UM simulator over loopback.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { handleDisconnectCall } from '../../lib/api/handlers/disconnect-call';
import { handleGetCall } from '../../lib/api/handlers/get-call';
import { handleListCalls } from '../../lib/api/handlers/list-calls';
import { handleTrackCall } from '../../lib/api/handlers/track-call';
import { callResponseSchema, callsResponseSchema, disconnectFailureSchema, disconnectResponseSchema, trackCallResponseSchema } from '../../lib/api/schemas';
import { getAuditEvent, listAuditEvents } from '../../lib/audit';
import { UNKNOWN_CALL_ID } from './calls-harness';
import { apiRequest, callPath, errorOf, startApiHarness, type ApiHarness } from './api-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';

describeEachDatabase('the call routes of the REST API', (kind) => {
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness(kind, { clientTimeoutMs: 1_000 });
  });
  after(async () => {
    await h.close();
  });

  async function registered(dialString: string, token = h.tokens.operator): Promise<string> {
    const callId = await h.place(dialString);
    const response = await handleTrackCall(apiRequest('POST', '/calls', { token, json: { callId, label: `API ${dialString}` } }), h.ctx);
    assert.equal(response.status, 201, await response.clone().text());
    return callId;
  }

  const disconnect = (callId: string, token: string, reason: unknown = 'Stuck for an hour') =>
    handleDisconnectCall(apiRequest('POST', `${callPath(callId)}/disconnect`, { token, json: { reason } }), h.ctx);

  describe('registering and reading calls', () => {
    test('an operator token registers a call (201), reads it back by its URL-encoded CallId, and a repeat answers 200', async () => {
      const callId = await h.place('+15550100');
      const first = await handleTrackCall(apiRequest('POST', '/calls', { token: h.tokens.operator, json: { callId, label: 'Lobby' } }), h.ctx);
      assert.equal(first.status, 201);
      const body = trackCallResponseSchema.parse(await first.json());
      assert.equal(body.call.callId, callId);
      assert.equal(body.call.addedVia, 'api');
      const again = await handleTrackCall(apiRequest('POST', '/calls', { token: h.tokens.operator, json: { callId } }), h.ctx);
      assert.equal(again.status, 200);
      assert.equal(trackCallResponseSchema.parse(await again.json()).alreadyTracked, true);
      const read = await handleGetCall(apiRequest('GET', callPath(callId), { token: h.tokens.viewer }), h.ctx);
      assert.equal(read.status, 200);
      assert.equal(callResponseSchema.parse(await read.json()).call.label, 'Lobby');
      const list = await handleListCalls(apiRequest('GET', '/calls?view=all', { token: h.tokens.viewer }), h.ctx);
      assert.ok(callsResponseSchema.parse(await list.json()).calls.some((call) => call.callId === callId));
    });

    test('a CallId holding "/" and "+" survives the URL-encoded path segment', async () => {
      const callId = Buffer.from('\u00fb\u00ff\u00be-slash-plus@um-sim-01.contoso.test', 'latin1').toString('base64');
      assert.match(callId, /[+/]/);
      const tracked = await handleTrackCall(apiRequest('POST', '/calls', { token: h.tokens.operator, json: { callId } }), h.ctx);
      assert.equal(tracked.status, 201);
      const read = await handleGetCall(apiRequest('GET', callPath(callId), { token: h.tokens.viewer }), h.ctx);
      assert.equal(read.status, 200);
      assert.equal(callResponseSchema.parse(await read.json()).call.callId, callId);
    });

    test('the audit records an API registration with the token name as the auth method', async () => {
      const callId = await registered('+15550101');
      const events = await listAuditEvents(h.database.db, { callId, action: 'call.track' }, { limit: 5 });
      assert.equal(events.items[0]?.authMethod, 'token:operator-script');
      assert.equal(events.items[0]?.actorEmail, 'operator@api.test');
    });

    test('an unknown call answers 404 with the JSON error shape', async () => {
      const response = await handleGetCall(apiRequest('GET', callPath(UNKNOWN_CALL_ID), { token: h.tokens.viewer }), h.ctx);
      assert.equal(response.status, 404);
      assert.equal((await errorOf(response)).code, 'not-found');
      const gone = await disconnect(UNKNOWN_CALL_ID, h.tokens.operator);
      assert.equal(gone.status, 404);
    });
  });

  describe('authentication and roles', () => {
    test('no token, a malformed header and an unknown token each answer 401 with WWW-Authenticate', async () => {
      const none = await handleListCalls(apiRequest('GET', '/calls'), h.ctx);
      assert.equal(none.status, 401);
      assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
      assert.equal((await errorOf(none)).code, 'unauthenticated');
      const basic = await handleListCalls(apiRequest('GET', '/calls', { headers: { authorization: 'Basic YTpi' } }), h.ctx);
      assert.equal(basic.status, 401);
      const unknown = await handleListCalls(apiRequest('GET', '/calls', { token: `umcc_${'A'.repeat(43)}` }), h.ctx);
      assert.equal(unknown.status, 401);
    });

    test("a viewer token's disconnect gets 403, is audited as denied, and nothing reaches the UM service", async () => {
      const callId = await registered('+15550102');
      const before = h.simulator.requestCount('Disconnect');
      const response = await disconnect(callId, h.tokens.viewer);
      assert.equal(response.status, 403);
      assert.equal((await errorOf(response)).code, 'forbidden');
      assert.equal(h.simulator.requestCount('Disconnect'), before);
      assert.equal(h.simulator.getCall(callId)?.disconnectRequests, 0);
      const denied = await listAuditEvents(h.database.db, { callId, action: 'disconnect.denied' }, { limit: 5 });
      assert.equal(denied.items.length, 1);
      assert.equal(denied.items[0]?.authMethod, 'token:viewer-script');
      const requested = await listAuditEvents(h.database.db, { callId, action: 'disconnect.requested' }, { limit: 5 });
      assert.equal(requested.items.length, 0);
    });

    test("a viewer token's registration gets 403 and tracks nothing", async () => {
      const callId = await h.place('+15550103');
      const response = await handleTrackCall(apiRequest('POST', '/calls', { token: h.tokens.viewer, json: { callId } }), h.ctx);
      assert.equal(response.status, 403);
      const read = await handleGetCall(apiRequest('GET', callPath(callId), { token: h.tokens.viewer }), h.ctx);
      assert.equal(read.status, 404);
    });

    test('an auditor token cannot read calls (403): the call board is for viewers and operators', async () => {
      const response = await handleListCalls(apiRequest('GET', '/calls', { token: h.tokens.auditor }), h.ctx);
      assert.equal(response.status, 403);
    });
  });

  describe('disconnecting', () => {
    test('an operator token disconnects a call: outcome confirmed, auditId is the request, both entries name the token', async () => {
      const callId = await registered('+15550110');
      const response = await disconnect(callId, h.tokens.operator);
      assert.equal(response.status, 200);
      const body = disconnectResponseSchema.parse(await response.json());
      assert.equal(body.outcome, 'confirmed');
      const requested = await getAuditEvent(h.database.db, body.auditId);
      assert.equal(requested?.action, 'disconnect.requested');
      assert.equal(requested?.targetCallId, callId);
      assert.equal(requested?.reason, 'Stuck for an hour');
      assert.equal(requested?.authMethod, 'token:operator-script');
      const completed = await listAuditEvents(h.database.db, { callId, action: 'disconnect.completed' }, { limit: 5 });
      assert.equal(completed.items[0]?.attemptId, body.attemptId);
      assert.equal(completed.items[0]?.authMethod, 'token:operator-script');
      assert.equal(h.simulator.getCall(callId)?.disconnectRequests, 1);
    });

    test('a missing reason, a bad CallId and a body that is not JSON each answer 400 naming the field', async () => {
      const callId = await registered('+15550111');
      const noReason = await handleDisconnectCall(apiRequest('POST', `${callPath(callId)}/disconnect`, { token: h.tokens.operator, json: {} }), h.ctx);
      assert.equal(noReason.status, 400);
      assert.equal((await errorOf(noReason)).field, 'reason');
      const blank = await disconnect(callId, h.tokens.operator, '   ');
      assert.equal(blank.status, 400);
      assert.equal((await errorOf(blank)).field, 'reason');
      const badId = await handleTrackCall(apiRequest('POST', '/calls', { token: h.tokens.operator, json: { callId: 'not a call id!' } }), h.ctx);
      assert.equal(badId.status, 400);
      assert.equal((await errorOf(badId)).field, 'callId');
      const notJson = await handleTrackCall(
        apiRequest('POST', '/calls', { token: h.tokens.operator, body: '{"callId": ', contentType: 'application/json' }),
        h.ctx,
      );
      assert.equal(notJson.status, 400);
      assert.equal((await errorOf(notJson)).field, 'body');
      const badView = await handleListCalls(apiRequest('GET', '/calls?view=stuck', { token: h.tokens.viewer }), h.ctx);
      assert.equal(badView.status, 400);
      assert.equal((await errorOf(badView)).field, 'view');
      assert.equal(h.simulator.getCall(callId)?.disconnectRequests, 0);
    });

    test('a body that is not application/json answers 415 and one over 16 KiB answers 413, before anything is sent', async () => {
      const callId = await registered('+15550112');
      const form = await handleDisconnectCall(
        apiRequest('POST', `${callPath(callId)}/disconnect`, { token: h.tokens.operator, body: 'reason=x', contentType: 'application/x-www-form-urlencoded' }),
        h.ctx,
      );
      assert.equal(form.status, 415);
      assert.equal((await errorOf(form)).code, 'unsupported-media-type');
      const huge = await disconnect(callId, h.tokens.operator, 'x'.repeat(17 * 1024));
      assert.equal(huge.status, 413);
      assert.equal((await errorOf(huge)).code, 'payload-too-large');
      assert.equal(h.simulator.getCall(callId)?.disconnectRequests, 0);
    });

    test('a second disconnect while the first is running answers 409 and sends nothing more', async () => {
      const callId = await registered('+15550113');
      h.simulator.setLatency(400);
      try {
        const [a, b] = await Promise.all([disconnect(callId, h.tokens.operator), disconnect(callId, h.tokens.admin)]);
        const statuses = [a.status, b.status].sort();
        assert.deepEqual(statuses, [200, 409]);
        const conflict = a.status === 409 ? a : b;
        assert.equal((await errorOf(conflict)).code, 'in-progress');
      } finally {
        h.simulator.setLatency(0);
      }
      assert.equal(h.simulator.getCall(callId)?.disconnectRequests, 1);
    });

    test('a UM service error answers 502 with outcome failed and the audit id beside the error', async () => {
      const callId = await registered('+15550114');
      h.simulator.injectFailure({ kind: 'http503', operations: ['Disconnect'], count: 1 });
      const response = await disconnect(callId, h.tokens.operator);
      assert.equal(response.status, 502);
      const body = disconnectFailureSchema.parse(await response.json());
      assert.equal(body.error.code, 'um-error');
      assert.equal(body.outcome, 'failed');
      assert.equal((await getAuditEvent(h.database.db, body.auditId))?.action, 'disconnect.requested');
    });

    test('a UM service that does not answer in time gives 504 with outcome unknown, sent exactly once', async () => {
      const callId = await registered('+15550115');
      h.simulator.injectFailure({ kind: 'timeout', operations: ['Disconnect'], count: 1 });
      const before = h.simulator.requestCount('Disconnect');
      const response = await disconnect(callId, h.tokens.operator);
      assert.equal(response.status, 504);
      const body = disconnectFailureSchema.parse(await response.json());
      assert.equal(body.error.code, 'um-timeout');
      assert.equal(body.outcome, 'unknown');
      assert.equal(h.simulator.requestCount('Disconnect'), before + 1);
    });
  });
});
