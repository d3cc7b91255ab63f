// The "done when", as a script does it: over HTTP against `next start`, with tokens made
// by the admin CLI, and a UM simulator in this process that counts what reaches it.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { createUmClient } from '../../lib/um';
import { startUmSimulator, type UmSimulator } from '../../lib/um/simulator';
import { createApiToken } from './support/admin-cli';
import { E2E_USERS } from './support/auth-users';
import { startConsole, type RunningConsole } from './support/start-console';

test.describe.configure({ mode: 'serial' });

const ENTRY_ID = 'AAAAAGsd2rbQLVtLobUGbrq/9IUHAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAACxVpEl+KVVLl957wp//x6UAGAetcDUAAA==';

let simulator: UmSimulator;
let server: RunningConsole;
const tokens = { operator: '', viewer: '' };

const createToken = (email: string, name: string) => createApiToken(server.dataDir, email, name);

async function placeCall(dialString: string): Promise<string> {
  const client = createUmClient({ url: simulator.url, timeoutMs: 5_000 });
  try {
    return await client.playOnPhone(ENTRY_ID, dialString);
  } finally {
    await client.close();
  }
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const callUrl = (callId: string) => `${server.url}/api/v1/calls/${encodeURIComponent(callId)}`;

test.beforeAll(async () => {
  simulator = await startUmSimulator({ ringMs: 50, teardownMs: 100 });
  server = await startConsole({ env: { UM_SERVICE_URL: simulator.url, POLL_INTERVAL_MS: '3600000' } });
  tokens.operator = await createToken(E2E_USERS.operator.email, 'e2e-script');
  tokens.viewer = await createToken(E2E_USERS.viewer.email, 'e2e-viewer');
});

test.afterAll(async () => {
  await server?.stop();
  await simulator?.close();
});

async function register(request: APIRequestContext, callId: string): Promise<void> {
  const response = await request.post(`${server.url}/api/v1/calls`, { headers: bearer(tokens.operator), data: { callId, label: 'Scripted' } });
  expect(response.status()).toBe(201);
}

test('an operator token registers a call, disconnects it and reads its audit entry through the API alone', async ({ request }) => {
  const callId = await placeCall('+1 425 555 0150');
  await register(request, callId);
  const read = await request.get(callUrl(callId), { headers: bearer(tokens.operator) });
  expect(read.status()).toBe(200);
  expect((await read.json()).call.callId).toBe(callId);

  const done = await request.post(`${callUrl(callId)}/disconnect`, { headers: bearer(tokens.operator), data: { reason: 'Scripted clean-up' } });
  expect(done.status()).toBe(200);
  const result = (await done.json()) as { outcome: string; auditId: number; attemptId: string };
  expect(result.outcome).toBe('confirmed');

  const audit = await request.get(`${server.url}/api/v1/audit?tab=events&callId=${encodeURIComponent(callId)}`, { headers: bearer(tokens.operator) });
  expect(audit.status()).toBe(200);
  const items = ((await audit.json()) as { items: Array<{ seq: number; action: string; authMethod: string; reason: string; outcome: string | null; attemptId: string }> }).items;
  const requested = items.find((item) => item.seq === result.auditId);
  expect(requested).toMatchObject({ action: 'disconnect.requested', authMethod: 'token:e2e-script', reason: 'Scripted clean-up' });
  const completed = items.find((item) => item.action === 'disconnect.completed');
  expect(completed).toMatchObject({ attemptId: result.attemptId, outcome: 'confirmed' });
  expect(simulator.getCall(callId)?.disconnectRequests).toBe(1);
});

test("a viewer's token gets 403 on disconnect and nothing reaches the UM service", async ({ request }) => {
  const callId = await placeCall('+1 425 555 0151');
  await register(request, callId);
  const before = simulator.requestCount('Disconnect');
  const refused = await request.post(`${callUrl(callId)}/disconnect`, { headers: bearer(tokens.viewer), data: { reason: 'Not mine to end' } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe('forbidden');
  expect(simulator.requestCount('Disconnect')).toBe(before);
  expect(simulator.getCall(callId)?.disconnectRequests).toBe(0);
});

test('errors are JSON everywhere under /api/v1: no token, unknown paths, wrong methods; the OpenAPI document is served', async ({ request }) => {
  const anonymous = await request.get(`${server.url}/api/v1/calls`);
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error.code).toBe('unauthenticated');
  for (const path of ['/api/v1/no-such-thing', '/api/v1', '/api/v1/calls/a/b/c/d']) {
    const missing = await request.get(`${server.url}${path}`, { headers: bearer(tokens.operator) });
    expect(missing.status(), path).toBe(404);
    expect(missing.headers()['content-type']).toMatch(/application\/json/);
    expect((await missing.json()).error.code).toBe('not-found');
  }
  const wrong = await request.delete(`${server.url}/api/v1/calls`, { headers: bearer(tokens.operator) });
  expect(wrong.status()).toBe(405);
  expect((await wrong.json()).error.code).toBe('method-not-allowed');
  const doc = await request.get(`${server.url}/api/v1/openapi.json`, { headers: bearer(tokens.viewer) });
  expect(doc.status()).toBe(200);
  expect((await doc.json()).openapi).toBe('3.1.0');
});

test('a CallId with "/" and "+" round-trips through its URL-encoded path segment', async ({ request }) => {
  const callId = Buffer.from('\u00fb\u00ff\u00be-e2e-path@um-sim-01.contoso.test', 'latin1').toString('base64');
  expect(callId).toMatch(/[+/]/);
  await register(request, callId);
  const read = await request.get(callUrl(callId), { headers: bearer(tokens.viewer) });
  expect(read.status()).toBe(200);
  expect((await read.json()).call.callId).toBe(callId);
});
