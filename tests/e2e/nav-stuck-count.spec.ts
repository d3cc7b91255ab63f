import { rm } from 'node:fs/promises';
import { startUmSimulator, type UmSimulator } from '../../lib/um/simulator';
import { E2E_USERS, SIGNED_OUT, signInThroughForm } from './support/auth-users';
import { makeDataDir, prepareCalls } from './support/prepare-calls';
import { startConsole, type RunningConsole } from './support/start-console';
import { expect, test } from './support/fixtures';

// The header's "Calls (N stuck)" follows the board while it polls: it used to keep the count of the
// last navigation, so after a disconnect the heading said one number and the header another.

test.use({ storageState: SIGNED_OUT });

const RULES = { connectingSeconds: 5, connectedMinutes: 10_080, afterDisconnectSeconds: 30, failedChecks: 5 };
let simulator: UmSimulator;
let server: RunningConsole;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  // Numbers ending 0000 ring for ten minutes: stuck in Connecting after 5 s.
  simulator = await startUmSimulator({ ringMs: 0, noAnswerMs: 600_000 });
  dataDir = await makeDataDir();
  await prepareCalls(dataDir, simulator.url, RULES, [
    { dialString: '+1 425 555 0000', label: 'Ringing line A' },
    { dialString: '+1 425 555 0000', label: 'Ringing line B' },
  ]);
  server = await startConsole({ env: { UM_SERVICE_URL: simulator.url, DATA_DIR: dataDir, DISCONNECT_VERIFY_TIMEOUT_MS: '3000', POLL_INTERVAL_MS: '1000' } });
});

test.afterAll(async () => {
  await server?.stop();
  await simulator?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('after a disconnect on the board, the header counts one stuck call fewer without a page load', async ({ page }) => {
  await signInThroughForm(page, server.url, E2E_USERS.operator, '/calls');
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(page.getByTestId('title-stuck-count')).toHaveText('(2 stuck)', { timeout: 30_000 });
  await expect(nav.getByRole('link', { name: 'Calls (2 stuck)' })).toBeVisible({ timeout: 10_000 });
  // Survives only if the page is never loaded again.
  await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));

  const row = page.getByTestId('call-board').getByRole('row').filter({ hasText: 'Ringing line A' });
  await row.getByRole('button', { name: 'Disconnect' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disconnect this call?' });
  await dialog.getByLabel('Reason').fill('E2E: the header follows the board');
  await dialog.getByRole('button', { name: 'Disconnect call' }).click();
  await expect(dialog.getByTestId('disconnect-result')).toBeVisible({ timeout: 15_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();

  await expect(page.getByTestId('title-stuck-count')).toHaveText('(1 stuck)', { timeout: 15_000 });
  await expect(nav.getByRole('link', { name: 'Calls (1 stuck)' })).toBeVisible({ timeout: 10_000 });
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
});
