// An administrator creates an API token on the settings page (shown once), a script uses it, and
// revoking it on the same page stops it at the next request.
import { E2E_USERS, storageStateFor } from './support/auth-users';
import { expect, test } from './support/fixtures';

test('an administrator creates a token shown once, it works for the API, and Revoke stops it at once', async ({ page, request, baseURL }) => {
  await page.goto('/settings');
  await page.getByRole('link', { name: 'API tokens' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('API tokens');
  const name = `ui-${Date.now()}`;
  await page.getByLabel('Owner').selectOption({ label: `${E2E_USERS.operator.email} (Operator)` });
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByLabel('New token');
  await expect(shown).toHaveValue(/^umcc_[A-Za-z0-9_-]{43}$/);
  const token = await shown.inputValue();

  const headers = { Authorization: `Bearer ${token}` };
  expect((await request.get(`${baseURL}/api/v1/calls`, { headers })).status()).toBe(200);

  await page.reload();
  await expect(page.getByLabel('New token')).toHaveCount(0);
  const row = page.getByRole('table', { name: 'API tokens' }).getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Active');
  await expect(row).toContainText(token.slice(0, 12));
  await row.getByRole('button', { name: `Revoke ${name} of ${E2E_USERS.operator.email}` }).click();
  await expect(row).toContainText('Revoked');
  expect((await request.get(`${baseURL}/api/v1/calls`, { headers })).status()).toBe(401);
});

test.describe('as an operator', () => {
  test.use({ storageState: storageStateFor('operator') });
  test('the token settings answer 403', async ({ page }) => {
    const response = await page.goto('/settings/tokens');
    expect(response?.status()).toBe(403);
  });
});
