import { storageStateFor } from './support/auth-users';
import { expect, test } from './support/fixtures';

// Against the shared console, signed in as the admin; the rules are put back to the defaults at the end.

test.describe('the stuck-call rules settings page', () => {
  test.describe.configure({ mode: 'serial' });

  test('an admin sees the four rules with their defaults, bad input is refused under the field, and a good change is saved and audited', async ({ page }) => {
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Stuck-call rules' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stuck-call rules');
    const connecting = page.getByLabel('Connecting longer than (seconds)');
    await expect(connecting).toHaveValue('60');
    await expect(page.getByLabel('Connected longer than (minutes)')).toHaveValue('30');
    await expect(page.getByLabel('Still up after an accepted disconnect (seconds)')).toHaveValue('30');
    await expect(page.getByLabel('Failed status checks in a row')).toHaveValue('5');
    await expect(page.getByText('Every change is recorded in the audit log with the old and the new values.')).toBeVisible();

    await connecting.fill('3');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await expect(page.getByTestId('stuck-rules-status')).toHaveText('The rules were not saved; check the fields marked.');
    const refused = page.getByLabel('Connecting longer than (seconds)');
    await expect(refused).toHaveAttribute('aria-invalid', 'true');
    await expect(refused).toHaveValue('3');
    await expect(page.locator('#rule-connectingSeconds-error')).toHaveText('Connecting longer than (seconds): a whole number from 5 to 86400.');
    await page.screenshot({ path: 'test-results/screenshots/settings-rules-refused.png', fullPage: true });

    await refused.fill('90');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await expect(page.getByTestId('stuck-rules-status')).toHaveText('Saved. The board uses the new rules from its next refresh.');
    await page.reload();
    await expect(page.getByLabel('Connecting longer than (seconds)')).toHaveValue('90');
    await page.screenshot({ path: 'test-results/screenshots/settings-rules.png', fullPage: true });

    await page.goto('/audit?tab=events&action=settings.stuck_rules');
    await expect(page.getByRole('row').filter({ hasText: 'admin@e2e.example' }).first()).toBeVisible();

    // Back to the defaults, so other specs on this console see the usual rules.
    await page.goto('/settings/stuck-rules');
    await page.getByLabel('Connecting longer than (seconds)').fill('60');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await expect(page.getByTestId('stuck-rules-status')).toHaveText('Saved. The board uses the new rules from its next refresh.');
  });
});

test.describe('below admin', () => {
  test.use({ storageState: storageStateFor('operator') });

  test('an operator is refused the stuck-call rules page', async ({ page }) => {
    const response = await page.goto('/settings/stuck-rules');
    expect(response?.status()).toBe(403);
    await expect(page.getByLabel('Connecting longer than (seconds)')).toHaveCount(0);
  });
});
