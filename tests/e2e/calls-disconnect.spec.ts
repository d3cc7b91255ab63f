import { randomUUID } from 'node:crypto';
import type { Locator, Page, Request } from '@playwright/test';
import { createUmClient } from '../../lib/um';
import { startUmSimulator, type UmSimulator } from '../../lib/um/simulator';
import { E2E_USERS, SIGNED_OUT, sessionCookieFor, signInThroughForm, type E2eUser } from './support/auth-users';
import { startConsole, type RunningConsole } from './support/start-console';
import { expect, test } from './support/fixtures';

// A console whose UM service is a simulator in this test process, so every request it receives
// can be counted. Verification gives up after 3 s (a stuck call is "accepted" quickly), and the
// poller is quiet after its first round: only what the tests do reaches the simulator.

test.use({ storageState: SIGNED_OUT });
test.describe.configure({ mode: 'serial' });

let simulator: UmSimulator;
let server: RunningConsole;
/** The disconnect server action as the browser posted it, replayed below with other sessions. */
let capturedAction: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
const stuck = { callId: '', label: 'E2E stuck call' };

test.beforeAll(async () => {
  simulator = await startUmSimulator();
  server = await startConsole({
    env: { UM_SERVICE_URL: simulator.url, DISCONNECT_VERIFY_TIMEOUT_MS: '3000', POLL_INTERVAL_MS: '3600000' },
  });
});

test.afterAll(async () => {
  await server?.stop();
  await simulator?.close();
});

async function openBoard(page: Page, who: E2eUser): Promise<void> {
  await signInThroughForm(page, server.url, who, '/calls');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calls');
}

function callRow(page: Page, label: string): Locator {
  return page.getByTestId('call-board').getByRole('row').filter({ has: page.getByRole('rowheader').filter({ hasText: label }) });
}

async function openDisconnectDialog(page: Page, label: string): Promise<Locator> {
  await callRow(page, label).getByRole('button', { name: 'Disconnect' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disconnect this call?' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('an operator places a test call and disconnects it: the dialog names the call and reports it confirmed', async ({ page }) => {
  await openBoard(page, E2E_USERS.operator);
  await expect(page.getByTestId('simulator-banner')).toHaveCount(0);
  const form = page.getByRole('form', { name: 'Place a test call' });
  await form.getByLabel('Entry ID').fill('AAAA');
  await form.getByLabel('Dial string').fill('+1 425 555 0100');
  await form.getByLabel('Name on the board').fill('E2E normal call');
  await form.getByRole('button', { name: 'Place test call' }).click();
  await expect(page.getByTestId('place-test-call-status')).toContainText('Test call placed and tracked: “E2E normal call”');
  const row = callRow(page, 'E2E normal call');
  await expect(row).toBeVisible();
  const callId = (await row.getAttribute('data-call-id')) ?? '';
  expect(simulator.getCall(callId)?.dialString).toBe('+1 425 555 0100');

  const dialog = await openDisconnectDialog(page, 'E2E normal call');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  const facts = dialog.getByTestId('disconnect-call-facts');
  await expect(facts).toContainText('E2E normal call');
  await expect(facts).toContainText(callId);
  await expect(facts).toContainText(/Connecting|Connected/);
  await expect(facts).toContainText(/In state for\s*\d+ s/);

  const reason = dialog.getByLabel('Reason');
  await expect(reason).toHaveAttribute('maxlength', '500');
  await reason.fill('E2E: the caller asked to end the call');
  await expect(dialog.getByTestId('reason-counter')).toHaveText('37 / 500');
  await page.screenshot({ path: 'test-results/screenshots/calls-disconnect-dialog.png' });

  // Each answer takes a little while, so the pending state can be seen.
  simulator.setLatency(300);
  const confirm = dialog.getByRole('button', { name: 'Disconnect call' });
  await confirm.click();
  const pending = dialog.getByRole('button', { name: 'Disconnecting…' });
  await expect(pending).toBeDisabled();
  await expect(dialog).toContainText('up to 3 s');

  const result = dialog.getByTestId('disconnect-result');
  await expect(result).toContainText('Disconnected (confirmed)');
  await expect(result).toContainText('Confirmed — the UM service reports the call disconnected');
  await expect(result).toContainText(/The call was disconnected: the UM service reported it ended [\d.]+ s after the hang-up was sent\./);
  await expect(result).toContainText(/UM round trip \d+ ms/);
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.screenshot({ path: 'test-results/screenshots/calls-disconnect-confirmed.png' });
  simulator.setLatency(0);
  expect(simulator.getCall(callId)?.disconnectRequests).toBe(1);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  // Ended: it leaves the default view.
  await expect(row).toHaveCount(0);
  await page.getByRole('link', { name: /^Ended/ }).click();
  await expect(callRow(page, 'E2E normal call')).toContainText('Disconnected');
});

async function captureAction(request: Request): Promise<void> {
  if (capturedAction || request.method() !== 'POST') return;
  const headers = await request.allHeaders();
  const body = request.postDataBuffer();
  if (!headers['next-action'] || !body) return;
  capturedAction = {
    url: request.url(),
    headers: Object.fromEntries(
      ['next-action', 'content-type', 'accept', 'next-router-state-tree'].flatMap((name) => (headers[name] ? [[name, headers[name]]] : [])),
    ),
    body,
  };
}

test('a stuck call tracked by its CallId: the service accepts the hang-up but the call stays up', async ({ page }) => {
  stuck.callId = await createUmClient({ url: simulator.url }).playOnPhone('AAAA', '+1 425 555 9999');
  await openBoard(page, E2E_USERS.operator);
  // The names the issue gives are unique on the page: no need to pick the form first.
  await page.getByLabel('Call ID').fill(stuck.callId);
  await page.getByLabel('Label').fill(stuck.label);
  await page.getByRole('button', { name: 'Track call' }).click();
  await expect(page.getByTestId('track-call-status')).toContainText(`Now tracking “${stuck.label}”`);
  await expect(page.getByLabel('Call ID')).toHaveValue('');

  const dialog = await openDisconnectDialog(page, stuck.label);
  await dialog.getByLabel('Reason').fill('E2E: stuck in the conference room');
  // Kept for the viewer test: a call that is still up, so a replay that got through would reach the service.
  page.on('request', (request) => void captureAction(request));
  await dialog.getByRole('button', { name: 'Disconnect call' }).click();
  const result = dialog.getByTestId('disconnect-result');
  await expect(result).toContainText('Accepted, still up', { timeout: 20_000 });
  await expect(result).toContainText('The UM service accepted the hang-up, but the call still showed as');
  await expect(result).toContainText('It was not sent again');
  await page.screenshot({ path: 'test-results/screenshots/calls-disconnect-accepted.png' });
  expect(simulator.getCall(stuck.callId)?.disconnectRequests).toBe(1);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(callRow(page, stuck.label)).toContainText('Connected');
});

test('a CallId the UM service does not know: the disconnect ends as already ended and nothing is sent', async ({ page }) => {
  const unknown = Buffer.from(`${randomUUID()}@um-sim-01.contoso.test`).toString('base64');
  // The first check fails, so the call stays on the board with the problem shown.
  simulator.injectFailure({ kind: 'http503', count: 1, operations: ['GetCallInfo'] });
  await openBoard(page, E2E_USERS.operator);
  await page.getByLabel('Call ID').fill(unknown);
  await page.getByLabel('Label').fill('E2E unknown call');
  await page.getByRole('button', { name: 'Track call' }).click();
  const row = callRow(page, 'E2E unknown call');
  await expect(row).toContainText('Not checked yet');
  await expect(row).toContainText('The UM service is unavailable (HTTP 503 for GetCallInfo)');

  const disconnectsBefore = simulator.requestCount('Disconnect');
  const dialog = await openDisconnectDialog(page, 'E2E unknown call');
  await dialog.getByLabel('Reason').fill('E2E: a call id nobody knows');
  await dialog.getByRole('button', { name: 'Disconnect call' }).click();
  const result = dialog.getByTestId('disconnect-result');
  await expect(result).toContainText('Already ended');
  await expect(result).toContainText('The UM service no longer knows this call');
  expect(simulator.requestCount('Disconnect')).toBe(disconnectsBefore);
});

test('an empty reason is refused under the field, and nothing is sent', async ({ page }) => {
  await openBoard(page, E2E_USERS.operator);
  const before = simulator.requestCount();
  const dialog = await openDisconnectDialog(page, stuck.label);
  await dialog.getByRole('button', { name: 'Disconnect call' }).click();
  const reason = dialog.getByLabel('Reason');
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription(/Enter a reason: it is kept in the audit log with the disconnect\./);
  expect(simulator.requestCount()).toBe(before);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('a viewer sees no Disconnect button, and posting the disconnect action with a viewer session or none sends nothing', async ({ page }) => {
  await openBoard(page, E2E_USERS.viewer);
  await expect(callRow(page, stuck.label)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Disconnect' })).toHaveCount(0);

  expect(capturedAction, 'the browser posted the disconnect action of the stuck call').toBeDefined();
  const action = capturedAction as NonNullable<typeof capturedAction>;
  const before = simulator.requestCount();
  const post = (cookie: string | undefined) =>
    fetch(action.url, {
      method: 'POST',
      headers: { ...action.headers, origin: server.url, ...(cookie ? { cookie } : {}) },
      body: new Uint8Array(action.body),
      redirect: 'manual',
    });

  const asViewer = await post(await sessionCookieFor(server.url, E2E_USERS.viewer));
  expect(asViewer.status).toBe(200);
  expect(await asViewer.text()).toContain('Your role (Viewer) cannot disconnect calls');
  expect(simulator.getCall(stuck.callId)?.disconnectRequests).toBe(1);

  const signedOut = await post(undefined);
  expect([303, 307]).toContain(signedOut.status);
  expect(signedOut.headers.get('location')).toContain('/sign-in');

  // Ten people watching the board read the database, not the UM service.
  const cookie = await sessionCookieFor(server.url, E2E_USERS.viewer);
  const boards = await Promise.all(Array.from({ length: 10 }, () => fetch(`${server.url}/api/board`, { headers: { cookie } })));
  expect(boards.map((response) => response.status)).toEqual(Array.from({ length: 10 }, () => 200));

  expect(simulator.requestCount()).toBe(before);
});

test('the audit log lists every attempt with actor, reason, outcome and latency, and the detail shows where it came from', async ({ page }) => {
  await signInThroughForm(page, server.url, E2E_USERS.auditor, '/audit');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
  const table = page.getByRole('table', { name: 'Disconnect attempts, newest first' });
  const attempt = (reason: string) => table.getByRole('row').filter({ hasText: reason });

  const confirmed = attempt('E2E: the caller asked to end the call');
  const denied = attempt('E2E: stuck in the conference room').filter({ hasText: 'viewer@e2e.example' });
  await expect(confirmed).toContainText('operator@e2e.example');
  await expect(confirmed).toContainText('Operator');
  await expect(confirmed).toContainText('E2E normal call');
  await expect(confirmed).toContainText('Disconnected (confirmed)');
  await expect(confirmed.getByRole('cell').nth(4)).toHaveText(/^\d+ ms$/);
  await expect(confirmed.getByRole('cell').nth(5)).toHaveText(/^\d+(\.\d)? (ms|s)$/);
  await expect(confirmed.locator('time')).toHaveText(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  await expect(attempt('E2E: stuck in the conference room').filter({ hasText: 'operator@e2e.example' })).toContainText('Accepted, still up');
  await expect(attempt('E2E: a call id nobody knows')).toContainText('Already ended');
  await expect(denied).toContainText('Denied');
  await expect(denied).toContainText('Viewer');
  await page.screenshot({ path: 'test-results/screenshots/audit-disconnects.png', fullPage: true });

  await confirmed.getByRole('link', { name: /Details of the attempt at/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Disconnect attempt');
  const request = page.getByRole('region', { name: 'Request' });
  await expect(request).toContainText('127.0.0.1');
  await expect(request).toContainText('HeadlessChrome');
  await expect(page.getByRole('region', { name: 'Completion' })).toContainText('Disconnect completed');
  await page.screenshot({ path: 'test-results/screenshots/audit-attempt-detail.png', fullPage: true });
});
