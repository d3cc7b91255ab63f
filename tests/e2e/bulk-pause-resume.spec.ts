import type { UmSimulator } from '../../lib/um/simulator';
import { E2E_USERS, SIGNED_OUT, signInThroughForm } from './support/auth-users';
import { RINGING_DIAL_STRING, startRingingCallsConsole, type RingingCallsConsole } from './support/ringing-calls-console';
import type { RunningConsole } from './support/start-console';
import { expect, test } from './support/fixtures';

// A UM service that refuses every hang-up (HTTP 503) for a while: a bulk run pauses itself after
// five failures in a row, sends nothing more, and an operator resumes it once the service is back.

test.use({ storageState: SIGNED_OUT });

const CALLS = 8;
const FAILING = 5;

let target: RingingCallsConsole;
let simulator: UmSimulator;
let server: RunningConsole;
let callIds: readonly string[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const planned = Array.from({ length: CALLS }, (_, i) => ({ dialString: RINGING_DIAL_STRING, label: `Refused line ${i + 1}` }));
  target = await startRingingCallsConsole(planned, { DISCONNECT_VERIFY_TIMEOUT_MS: '3000', POLL_INTERVAL_MS: '3600000', UM_MAX_CONCURRENCY: '1' });
  ({ simulator, server, callIds } = target);
});

test.afterAll(async () => {
  await target?.stop();
});

test('a bulk run pauses itself after five refused hang-ups, sends nothing while paused, and finishes when resumed', async ({ page }) => {
  test.setTimeout(90_000);
  await signInThroughForm(page, server.url, E2E_USERS.operator, '/calls');
  const board = page.getByTestId('call-board');
  for (let i = 1; i <= CALLS; i += 1) await board.getByRole('checkbox', { name: `Select Refused line ${i}` }).check();
  await page.getByRole('button', { name: 'Disconnect selected' }).click();
  const dialog = page.getByRole('dialog', { name: `Disconnect these ${CALLS} calls?` });
  await dialog.getByLabel('Reason').fill('E2E: pause and resume');
  simulator.injectFailure({ kind: 'http503', operations: ['Disconnect'] });
  await dialog.getByRole('button', { name: `Disconnect ${CALLS} calls` }).click();
  await page.waitForURL(/\/calls\/batches\/[0-9a-f-]{36}$/);

  const run = page.getByTestId('batch-run');
  await expect(run).toHaveAttribute('data-status', 'paused', { timeout: 30_000 });
  await expect(run.getByTestId('batch-message')).toContainText(`Paused after ${FAILING} failures in a row`);
  await expect(run.getByTestId('batch-message')).toContainText('No further calls are sent until an operator resumes the batch');
  await expect(run.locator('[data-item-status="pending"]')).toHaveCount(CALLS - FAILING);
  await page.screenshot({ path: 'test-results/screenshots/bulk-run-paused.png', fullPage: true });
  // Paused means paused: nothing more goes out while it waits.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(simulator.requestCount('Disconnect')).toBe(FAILING);

  simulator.clearFailures();
  await run.getByRole('button', { name: 'Resume' }).click();
  await expect(run).toHaveAttribute('data-status', 'finished', { timeout: 30_000 });
  await expect(run.getByTestId('batch-outcomes')).toContainText(`Failed: ${FAILING}`);
  await expect(run.getByTestId('batch-outcomes')).toContainText(`Disconnected (confirmed): ${CALLS - FAILING}`);
  // One Disconnect per call in all: the refused ones are not sent again by a resume, and each of the
  // others took effect once.
  expect(simulator.requestCount('Disconnect')).toBe(CALLS);
  const hungUp = callIds.map((callId) => simulator.getCall(callId)?.disconnectRequests ?? 0);
  expect(hungUp.filter((count) => count === 1)).toHaveLength(CALLS - FAILING);
  expect(hungUp.filter((count) => count === 0)).toHaveLength(FAILING);
});
