import type { Locator } from '@playwright/test';
import { E2E_USERS, sessionCookieFor, signInThroughForm } from './support/auth-users';
import { startConsole, type RunningConsole } from './support/start-console';
import { findFreePort } from './support/free-port';
import { expect, test } from './support/fixtures';

/** The <dd> that follows the <dt> with this exact name. */
function fact(region: Locator, name: string): Locator {
  return region.locator(`xpath=.//dt[normalize-space()="${name}"]/following-sibling::dd[1]`);
}

const ISO_UTC = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/;
const BANNER =
  'Demo: embedded UM simulator — no real calls are affected. Set UM_SERVICE_URL to use your Exchange server.';

test('a person opening / sees the embedded simulator named as the UM service and a successful round trip with its latency', async ({ page }) => {
  await page.goto('/');

  await expect(page.getByRole('banner')).toContainText('UM Call Console');
  await expect(page.getByTestId('simulator-banner')).toHaveText(BANNER);
  const service = page.getByRole('region', { name: 'UM service', exact: true });
  await expect(service).toContainText(/The embedded UM simulator at http:\/\/127\.0\.0\.1:\d+\//);
  await expect(fact(service, 'Service account')).toHaveText('none');
  await expect(fact(service, 'Timeout')).toHaveText('10 s per request (10000 ms)');
  await expect(fact(service, 'Max concurrency')).toHaveText('16 requests at once');

  const health = page.getByTestId('um-health');
  await expect(health).toContainText(/The UM service answered IsUMEnabled in \d+(\.\d)? ms \(IsUMEnabled: true\)\./);
  await expect(health).toContainText('Answering');
  await expect(health.locator('time')).toHaveText(ISO_UTC);
  await expect(page.getByRole('link', { name: 'Check again' })).toBeVisible();

  await page.screenshot({ path: 'test-results/screenshots/home-embedded-simulator.png', fullPage: true });
});

test('"Check again" runs a new round trip and shows its new check time', async ({ page }) => {
  await page.goto('/');
  const checkedAt = page.getByTestId('um-health').locator('time');
  await expect(checkedAt).toHaveText(ISO_UTC);
  const first = await checkedAt.getAttribute('datetime');

  await page.getByRole('link', { name: 'Check again' }).click();

  await expect(checkedAt).not.toHaveAttribute('datetime', first ?? '');
  await expect(page.getByTestId('um-health')).toContainText('The UM service answered IsUMEnabled in');
});

test('an unknown address shows a plain not-found page, still under the simulator banner', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByTestId('simulator-banner')).toBeVisible();
  await page.getByRole('link', { name: 'Go to the console’s start page' }).click();
  await expect(page.getByTestId('um-health')).toContainText('Answering');
});

test.describe('against a UM service that does not answer', () => {
  let server: RunningConsole;
  let serviceUrl: string;

  test.beforeAll(async () => {
    // A port that was just free and is now closed: connecting to it is refused.
    serviceUrl = `http://127.0.0.1:${await findFreePort()}/EWS/UM2007Legacy.asmx`;
    server = await startConsole({ env: { UM_SERVICE_URL: serviceUrl, UM_USERNAME: 'svc-um', UM_PASSWORD: 'Secret-Pa55' } });
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test('the page says plainly that the service does not answer, without raw error text or secrets', async ({ page }) => {
    await signInThroughForm(page, server.url, E2E_USERS.viewer);
    await page.goto(server.url);

    const service = page.getByRole('region', { name: 'UM service', exact: true });
    await expect(fact(service, 'Service')).toHaveText(serviceUrl);
    await expect(fact(service, 'Service account')).toHaveText('svc-um');
    const health = page.getByTestId('um-health');
    await expect(health).toContainText('Check failed');
    await expect(health).toContainText('The UM service does not answer.');
    await expect(health).toContainText(/refused the connection; nothing was sent\./);
    await expect(health.locator('time')).toHaveText(ISO_UTC);
    await expect(page.getByTestId('simulator-banner')).toHaveCount(0);

    const text = await page.locator('body').innerText();
    for (const leak of ['ECONNREFUSED', 'Error:', 'at async', 'node_modules', 'undici', 'Secret-Pa55']) {
      expect(text, `the page shows "${leak}"`).not.toContain(leak);
    }
    expect(await page.content()).not.toContain('Secret-Pa55');

    await page.screenshot({ path: 'test-results/screenshots/home-service-not-answering.png', fullPage: true });
  });
});

test('concurrent first requests start one embedded simulator, logged once', async () => {
  const fresh = await startConsole();
  try {
    const cookie = await sessionCookieFor(fresh.url, E2E_USERS.viewer);
    const pages = await Promise.all(Array.from({ length: 6 }, () => fetch(fresh.url, { headers: { cookie } }).then((r) => r.text())));
    for (const html of pages) expect(html).toContain('The UM service answered IsUMEnabled in');
    const lines = fresh.output().split('\n').filter((line) => line.includes('UM_SERVICE_URL is not set: using the embedded UM simulator at'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/at http:\/\/127\.0\.0\.1:\d+\//);
  } finally {
    await fresh.stop();
  }
});
