import { E2E_USERS, SIGNED_OUT, signInThroughForm } from './support/auth-users';
import { RINGING_DIAL_STRING, startRingingCallsConsole, type RingingCallsConsole } from './support/ringing-calls-console';
import type { RunningConsole } from './support/start-console';
import { expect, test } from './support/fixtures';

// The header's "Calls (N stuck)" follows the board while it polls: it used to keep the count of the
// last navigation, so after a disconnect the heading said one number and the header another.

test.use({ storageState: SIGNED_OUT });

let target: RingingCallsConsole;
let server: RunningConsole;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const planned = [
    { dialString: RINGING_DIAL_STRING, label: 'Ringing line A' },
    { dialString: RINGING_DIAL_STRING, label: 'Ringing line B' },
  ];
  target = await startRingingCallsConsole(planned, { DISCONNECT_VERIFY_TIMEOUT_MS: '3000', POLL_INTERVAL_MS: '1000' });
  ({ server } = target);
});

test.afterAll(async () => {
  await target?.stop();
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
