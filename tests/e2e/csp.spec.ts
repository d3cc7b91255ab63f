import type { Page, Response } from '@playwright/test';
import { E2E_USERS, SIGNED_OUT } from './support/auth-users';
import { expect, test } from './support/fixtures';

// The nonce Content-Security-Policy in a real browser: pages hydrate and work under it, nothing
// of the console's own is refused, and what is not the console's is.

/** Every CSP violation the page reports: the DOM event and Chromium's console message. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation;
      report(`${event.effectiveDirective} refused ${event.blockedURI || 'inline'} on ${event.documentURI}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

function nonceOf(response: Response | null): string {
  const policy = response?.headers()['content-security-policy'] ?? '';
  const nonce = /script-src 'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce, `a nonce in ${policy}`).toBeTruthy();
  return nonce ?? '';
}

test.describe('signed out', () => {
  test.use({ storageState: SIGNED_OUT });

  test('the sign-in page hydrates under its policy: signing in through the form works, with no violation on the way', async ({ page, baseURL }) => {
    const violations = await watchViolations(page);
    const first = nonceOf(await page.goto('/sign-in?callbackUrl=%2Fcalls'));
    const second = nonceOf(await page.reload());
    expect(second).not.toBe(first);

    // Without hydration the browser would send the form as a GET to /sign-in: only the page's
    // own script signs in through next-auth and moves on.
    await page.getByLabel('Email').fill(E2E_USERS.viewer.email);
    await page.getByLabel('Password', { exact: true }).fill(E2E_USERS.viewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${baseURL}/calls`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calls');
    expect(violations).toEqual([]);
  });

  test('markup injected into the page cannot run script: its inline handler is refused and reported', async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto('/sign-in');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    expect(violations).toEqual([]);
    // What an HTML injection would plant: an element whose inline handler fires by itself.
    await page.evaluate(() => {
      const planted = document.createElement('div');
      planted.innerHTML = '<img src="/no-such-image.png" onerror="document.title = \'injected\'">';
      document.body.append(planted);
    });
    await expect.poll(() => violations.some((text) => /script-src/.test(text))).toBe(true);
    expect(await page.title()).not.toBe('injected');
  });
});

test('the call board hydrates under its policy: it polls, and the Disconnect dialog opens and closes', async ({ page }) => {
  const violations = await watchViolations(page);
  const polled = page.waitForResponse((response) => response.url().includes('/api/board'), { timeout: 20_000 });
  const first = nonceOf(await page.goto('/calls'));
  expect((await polled).status()).toBe(200);

  const board = page.getByTestId('call-board');
  await board.getByRole('button', { name: 'Disconnect', exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Disconnect this call?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  const second = nonceOf(await page.goto('/calls'));
  expect(second).not.toBe(first);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calls');
  expect(violations).toEqual([]);
});
