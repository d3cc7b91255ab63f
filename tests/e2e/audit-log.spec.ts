import type { Page } from '@playwright/test';
import { storageStateFor } from './support/auth-users';
import { expect, test } from './support/fixtures';

// The audit page on the shared console (signed in as the admin unless a group says otherwise).

const REASON = 'E2E audit: ended to check the audit log';

async function placeAndDisconnect(page: Page, label: string, reason: string): Promise<string> {
  await page.goto('/calls');
  const form = page.getByRole('form', { name: 'Place a test call' });
  await form.getByLabel('Dial string').fill('+1 425 555 0456');
  await form.getByLabel('Name on the board').fill(label);
  await form.getByRole('button', { name: 'Place test call' }).click();
  const row = page.getByTestId('call-board').getByRole('row').filter({ hasText: label });
  await expect(row).toBeVisible();
  const callId = (await row.getAttribute('data-call-id')) ?? '';
  await row.getByRole('button', { name: 'Disconnect' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disconnect this call?' });
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: 'Disconnect call' }).click();
  await expect(dialog.getByTestId('disconnect-result')).toContainText('Disconnected (confirmed)');
  await dialog.getByRole('button', { name: 'Close' }).click();
  return callId;
}

test.describe('an operator', () => {
  test.use({ storageState: storageStateFor('operator') });

  test('sees only their own entries, is told so, and cannot open anyone else’s', async ({ page }) => {
    await placeAndDisconnect(page, 'E2E audit call', REASON);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Audit' }).click();
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.getByTestId('own-entries-note')).toContainText('You see only your own entries');
    const attempts = page.getByRole('table', { name: 'Disconnect attempts, newest first' });
    await expect(attempts.getByRole('row').filter({ hasText: REASON })).toContainText('Disconnected (confirmed)');

    await page.getByRole('link', { name: 'All events' }).click();
    await expect(page).toHaveURL(/\/audit\?tab=events$/);
    const events = page.getByRole('table', { name: 'Audit events, newest first' });
    await expect(events.getByRole('row').nth(1)).toBeVisible();
    const actors = await events.locator('tbody tr td:nth-of-type(3)').allInnerTexts();
    expect(actors.length).toBeGreaterThan(0);
    for (const actor of actors) expect(actor).toContain('operator@e2e.example');

    // The admin's sign-in (entry 1 or so) is someone else's: it does not exist for an operator.
    const response = await page.goto('/audit/1');
    expect(response?.status()).toBe(404);
  });
});

test.describe('an administrator', () => {
  test('filters attempts by outcome and text in the URL, and a bad time is explained instead of guessed', async ({ page }) => {
    await placeAndDisconnect(page, 'E2E audit call', REASON);
    await page.goto('/audit');
    await page.getByLabel('Outcome').selectOption('confirmed');
    await page.getByLabel('Search').fill('E2E audit');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/outcome=confirmed/);
    await expect(page).toHaveURL(/q=E2E\+audit/);
    const row = page.getByRole('table', { name: 'Disconnect attempts, newest first' }).getByRole('row').filter({ hasText: REASON });
    await expect(row.first()).toContainText('E2E audit call');
    await expect(row.filter({ hasText: 'admin@e2e.example' })).toContainText('Administrator');
    await expect(page.getByLabel('Search')).toHaveValue('E2E audit');

    await page.goto('/audit?outcome=failed&q=E2E+audit');
    await expect(page.getByTestId('audit-empty')).toHaveText('No entries match this filter. Loosen or clear it to see more.');

    await page.goto('/audit?from=yesterday');
    await expect(page.getByTestId('audit-filter-problem')).toContainText('From: use a date such as 2025-03-01');
    await expect(page.getByLabel('From')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('table')).toHaveCount(0);
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await expect(page).toHaveURL(/\/audit$/);
  });

  test('all events page by keyset: "Older entries" carries the cursor and the filters, "Newest" goes back', async ({ page }) => {
    await page.goto('/audit?tab=events&action=auth.sign_in&limit=2');
    const events = page.getByRole('table', { name: 'Audit events, newest first' });
    await expect(events.getByRole('row')).toHaveCount(3);
    for (const action of await events.locator('tbody tr td:nth-of-type(2)').allInnerTexts()) expect(action).toBe('Sign-in');
    const newest = await events.locator('tbody tr th').first().innerText();
    await page.screenshot({ path: 'test-results/screenshots/audit-events.png', fullPage: true });

    await page.getByRole('link', { name: 'Older entries' }).click();
    await expect(page).toHaveURL(/cursor=\d+/);
    await expect(page).toHaveURL(/action=auth\.sign_in/);
    await expect(page).toHaveURL(/limit=2/);
    const older = await events.locator('tbody tr th').first().innerText();
    expect(Number(older)).toBeLessThan(Number(newest));

    await page.getByRole('link', { name: 'Newest' }).click();
    await expect(page).not.toHaveURL(/cursor=/);
    await expect(events.locator('tbody tr th').first()).toHaveText(newest);
  });

  test('an entry’s detail page shows every stored field, including source address and user agent', async ({ page }) => {
    await page.goto('/audit?tab=events&action=auth.sign_in&actor=viewer%40e2e.example');
    await page.getByRole('link', { name: /^Details of audit entry \d+$/ }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Audit entry \d+: Sign-in$/);
    const fields = page.getByRole('region', { name: 'Stored fields' });
    for (const name of ['Time', 'Action', 'Outcome', 'Actor', 'Actor’s role then', 'Source address', 'User agent', 'Details']) {
      await expect(fields.locator('dt', { hasText: name }).first()).toBeVisible();
    }
    await expect(fields).toContainText('viewer@e2e.example');
    await expect(fields).toContainText('Viewer');
    await expect(fields).toContainText('127.0.0.1');
  });
});

test.describe('a viewer', () => {
  test.use({ storageState: storageStateFor('viewer') });

  test('gets the 403 page for /audit and has no Audit link', async ({ page }) => {
    const response = await page.goto('/audit');
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId('forbidden-page')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Audit' })).toHaveCount(0);
  });
});

test.describe('an administrator exporting', () => {
  test('"Export" on a filtered view downloads exactly the rows the page lists, as CSV', async ({ page }) => {
    const reason = `E2E export ${Date.now()}`;
    await placeAndDisconnect(page, 'E2E export call', reason);
    await page.goto(`/audit?q=${encodeURIComponent(reason)}`);
    const table = page.getByRole('table', { name: 'Disconnect attempts, newest first' });
    await expect(table.getByRole('row').filter({ hasText: reason })).toHaveCount(1);
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV', exact: true }).click();
    const download = await downloading;
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const lines = (await readFile(path, 'utf8')).trim().split(/\r\n/);
    expect(lines.length, 'a header and one row').toBe(2);
    expect(lines[1]).toContain(reason);
    expect(lines[1]).toContain('confirmed');
  });
});
