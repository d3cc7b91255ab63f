import type { UmSimulator } from '../../lib/um/simulator';
import { E2E_USERS, SIGNED_OUT, signInThroughForm } from './support/auth-users';
import { RINGING_DIAL_STRING, startRingingCallsConsole, type RingingCallsConsole } from './support/ringing-calls-console';
import type { RunningConsole } from './support/start-console';
import { expect, test } from './support/fixtures';

// A slow UM service (every answer takes 700 ms) and one call in flight at a time, so a run of six
// calls takes a while and Cancel lands in the middle of it.

test.use({ storageState: SIGNED_OUT });

const CALLS = 6;

let target: RingingCallsConsole;
let simulator: UmSimulator;
let server: RunningConsole;
let callIds: readonly string[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const planned = Array.from({ length: CALLS }, (_, i) => ({ dialString: RINGING_DIAL_STRING, label: `Slow line ${i + 1}` }));
  target = await startRingingCallsConsole(planned, { DISCONNECT_VERIFY_TIMEOUT_MS: '3000', POLL_INTERVAL_MS: '3600000', UM_MAX_CONCURRENCY: '1' });
  ({ simulator, server, callIds } = target);
});

test.afterAll(async () => {
  await target?.stop();
});

test('cancelling a bulk disconnect mid-run leaves the calls not yet sent unsent, and the page says so', async ({ page }) => {
  test.setTimeout(90_000);
  await signInThroughForm(page, server.url, E2E_USERS.operator, '/calls');
  const board = page.getByTestId('call-board');
  // Ticked one by one: six calls need no typed count.
  for (let i = 1; i <= CALLS; i += 1) await board.getByRole('checkbox', { name: `Select Slow line ${i}` }).check();
  await expect(page.getByTestId('bulk-status')).toHaveText(`${CALLS} calls selected.`);
  await page.getByRole('button', { name: 'Disconnect selected' }).click();
  const dialog = page.getByRole('dialog', { name: `Disconnect these ${CALLS} calls?` });
  await expect(dialog.getByTestId('bulk-preview').getByRole('row')).toHaveCount(CALLS + 1);
  await expect(dialog.getByLabel(/to confirm/)).toHaveCount(0);
  await dialog.getByLabel('Reason').fill('E2E: cancel test');
  simulator.setLatency(700);
  await dialog.getByRole('button', { name: `Disconnect ${CALLS} calls` }).click();
  await page.waitForURL(/\/calls\/batches\/[0-9a-f-]{36}$/);

  const run = page.getByTestId('batch-run');
  await expect(run).toHaveAttribute('data-status', 'running');
  await run.getByRole('button', { name: 'Cancel' }).click();
  await expect(run).toHaveAttribute('data-status', 'cancelled');
  await expect(run.getByTestId('batch-message')).toContainText(/Cancelled by operator@e2e\.example: \d calls? (was|were) not sent/);
  // The call in flight finishes; the rest are never sent.
  await expect(run.locator('[data-item-status="running"], [data-item-status="pending"]')).toHaveCount(0, { timeout: 30_000 });
  const cancelled = await run.locator('[data-item-status="cancelled"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-call-id') ?? ''));
  expect(cancelled.length).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/screenshots/bulk-run-cancelled.png', fullPage: true });

  simulator.setLatency(0);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  for (const callId of cancelled) {
    expect(callIds).toContain(callId);
    expect(simulator.getCall(callId)?.disconnectRequests).toBe(0);
  }
  expect(simulator.requestCount('Disconnect')).toBe(CALLS - cancelled.length);
});
