import type { Locator, Page } from '@playwright/test';
import { E2E_USERS, SIGNED_OUT, signInThroughForm, storageStateFor } from './support/auth-users';
import { findFreePort } from './support/free-port';
import { startConsole, type RunningConsole } from './support/start-console';
import { expect, test } from './support/fixtures';

// The board on the shared console: the embedded simulator with its demo calls.

// The warehouse call rings for 90 s, then ends: by the time these tests run it may be either.
const DEMO_UP = ['Demo: reception', 'Demo: help desk', 'Demo: conference room (stuck)'];
const DEMO_BUSY = 'Demo: sales line (busy, ends by itself)';

function board(page: Page): Locator {
  return page.getByTestId('call-board');
}

function callRow(page: Page, label: string): Locator {
  return board(page).getByRole('row').filter({ has: page.getByRole('rowheader').filter({ hasText: label }) });
}

test.describe('signed in as an operator', () => {
  test.use({ storageState: SIGNED_OUT });

  test('signing in lands on /calls, which shows the demo calls live, and the busy one has moved to Ended', async ({ page, baseURL }) => {
    await signInThroughForm(page, baseURL ?? '', E2E_USERS.operator, '/calls');
    await expect(page).toHaveURL(/\/calls$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calls');
    await expect(page.getByTestId('simulator-banner')).toContainText('Demo: embedded UM simulator');
    await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Calls' })).toHaveAttribute('aria-current', 'page');

    const table = page.getByRole('table', { name: 'Active calls' });
    for (const label of DEMO_UP) await expect(callRow(page, label)).toBeVisible();
    const reception = callRow(page, 'Demo: reception');
    await expect(reception).toContainText('Connected');
    await expect(reception).toContainText('um-sim-01.contoso.test');
    await expect(reception.getByRole('button', { name: 'Disconnect' })).toBeVisible();
    await expect(reception.getByRole('button', { name: 'Copy CallId' })).toBeVisible();
    const activeRows = (await table.getByRole('row').count()) - 1;
    await expect(page.getByTestId('board-summary')).toContainText(`${activeRows} active`);
    await expect(page.getByRole('link', { name: /^Active/ })).toHaveText(`Active (${activeRows})`);

    // Live: the page asks GET /api/board by itself, and the indicator counts up from the last answer.
    const polled = await page.waitForResponse((response) => response.url().includes('/api/board'), { timeout: 20_000 });
    expect(polled.status()).toBe(200);
    expect(polled.headers()['cache-control']).toContain('no-store');
    await expect(page.getByTestId('board-updated')).toHaveText(/^Updated (just now|\d+ s ago)$/);
    await expect(page.getByTestId('board-status')).toContainText(/states checked with the UM service .*every 5 s/);
    await page.screenshot({ path: 'test-results/screenshots/calls-board.png', fullPage: true });

    // The busy call ended by itself: not in the default view, listed under Ended with its cause in words.
    await expect(callRow(page, DEMO_BUSY)).toHaveCount(0);
    await page.getByRole('link', { name: /^Ended/ }).click();
    await expect(page).toHaveURL(/\/calls\?view=ended$/);
    const busy = callRow(page, DEMO_BUSY);
    await expect(page.getByRole('table', { name: 'Ended calls' })).toBeVisible();
    await expect(busy).toContainText('Disconnected');
    await expect(busy).toContainText('Busy');
    await expect(busy.getByRole('button', { name: 'Disconnect' })).toHaveCount(0);
    await page.getByRole('link', { name: /^All/ }).click();
    await expect(page).toHaveURL(/\/calls\?view=all$/);
    const all = page.getByRole('table', { name: 'All tracked calls' });
    for (const label of [...DEMO_UP, DEMO_BUSY]) await expect(all.getByRole('rowheader').filter({ hasText: label })).toBeVisible();

    // Signing out ends it: the board is behind the sign-in page again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto('/calls');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fcalls$/);
  });

  test('a test call placed from the form is tracked and its state changes on the board without a reload', async ({ page, baseURL }) => {
    await signInThroughForm(page, baseURL ?? '', E2E_USERS.operator, '/calls');
    await expect(page.getByLabel('Entry ID')).toHaveValue('AAAA');
    await page.screenshot({ path: 'test-results/screenshots/calls-forms.png', fullPage: true });
    await expect(page.getByText('a number ending 9999 gets stuck')).toBeVisible();
    const form = page.getByRole('form', { name: 'Place a test call' });
    await form.getByLabel('Dial string').fill('+1 425 555 0123');
    await form.getByLabel('Name on the board').fill('E2E live call');
    await form.getByRole('button', { name: 'Place test call' }).click();

    await expect(page.getByTestId('place-test-call-status')).toContainText('Test call placed and tracked: “E2E live call”');
    const row = callRow(page, 'E2E live call');
    // It rings for 1.5 s: the board shows Connecting first, then Connected from a later poll.
    await expect(row).toContainText(/Connecting|Connected/);
    await expect(row).toContainText('Connected', { timeout: 20_000 });
    await expect(row.getByRole('time')).toHaveAttribute('datetime', /Z$/);
  });

  test('in a 1280 px window the whole board fits: every Disconnect button is in view without scrolling sideways', async ({ page, baseURL }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signInThroughForm(page, baseURL ?? '', E2E_USERS.operator, '/calls');
    const table = page.getByRole('table', { name: 'Active calls' });
    await expect(callRow(page, 'Demo: reception')).toBeVisible();
    const fit = await table.evaluate((element) => ({ table: element.scrollWidth, box: element.parentElement?.clientWidth ?? 0 }));
    expect(fit.table, 'the table is no wider than its scroll box').toBeLessThanOrEqual(fit.box);
    for (const button of await table.getByRole('button', { name: 'Disconnect' }).all()) {
      const box = await button.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(1280);
    }
  });

  test('an invalid CallId is refused with a message under the Call ID field, and what was typed stays', async ({ page, baseURL }) => {
    await signInThroughForm(page, baseURL ?? '', E2E_USERS.operator, '/calls');
    const callId = page.getByLabel('Call ID');
    await callId.fill('not a call id!');
    await page.getByRole('button', { name: 'Track call' }).click();

    await expect(callId).toHaveAttribute('aria-invalid', 'true');
    await expect(callId).toHaveAccessibleDescription(/A call ID contains only letters, digits, "\+", "\/" and "="/);
    await expect(callId).toHaveValue('not a call id!');
    await expect(page.getByTestId('track-call-status')).toHaveText('The call could not be tracked; check the fields marked.');
  });
});

test.describe('signed in as a viewer', () => {
  test.use({ storageState: storageStateFor('viewer') });

  test('the calls are visible, but there is no Disconnect button and no form to add calls', async ({ page }) => {
    await page.goto('/calls');
    await expect(callRow(page, 'Demo: reception')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Disconnect' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Track call' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Place test call' })).toHaveCount(0);
    await expect(page.getByTestId('viewer-note')).toContainText('Your role (Viewer) can watch calls.');
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await expect(nav.getByRole('link', { name: 'Calls' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Audit' })).toHaveCount(0);
  });

  test('the board route answers the viewer with JSON that is never cached', async ({ page }) => {
    const response = await page.request.get('/api/board');
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toContain('no-store');
    const body = (await response.json()) as { calls: { label: string | null; ended: boolean }[]; um: { answering: boolean } };
    expect(body.calls.some((call) => call.label === 'Demo: reception')).toBe(true);
    expect(body.calls.every((call) => !call.ended)).toBe(true);
  });
});

test.describe('without the right role or a session', () => {
  test('an auditor gets the 403 page for /calls and the board route answers 403 JSON', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, storageState: storageStateFor('auditor') });
    const page = await context.newPage();
    const response = await page.goto('/calls');
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId('forbidden-page')).toBeVisible();
    const api = await page.request.get('/api/board');
    expect(api.status()).toBe(403);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    await context.close();
  });

  test('the board route answers a request without a session with 401 JSON', async ({ baseURL }) => {
    const response = await fetch(`${baseURL}/api/board`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });
});

test.describe('against a UM service that does not answer', () => {
  test.use({ storageState: SIGNED_OUT });
  let server: RunningConsole;

  test.beforeAll(async () => {
    // A port that was just free and is now closed: every connection is refused.
    const url = `http://127.0.0.1:${await findFreePort()}/EWS/UM2007Legacy.asmx`;
    server = await startConsole({ env: { UM_SERVICE_URL: url, POLL_INTERVAL_MS: '1000' } });
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test('the board says the UM service is not answering, since when, and that the states are the last known', async ({ page }) => {
    await signInThroughForm(page, server.url, E2E_USERS.operator, '/calls');
    await page.getByLabel('Call ID').fill(Buffer.from('0b0e6f5e-3c1a-4d7e-9a51-2f2b8f0c1d23@cas01.contoso.com').toString('base64'));
    await page.getByLabel('Label').fill('E2E call while the service is down');
    await page.getByRole('button', { name: 'Track call' }).click();
    const row = callRow(page, 'E2E call while the service is down');
    await expect(row).toContainText('Not checked yet');
    await expect(row).toContainText('cas01.contoso.com');
    await expect(row).toContainText('refused the connection; nothing was sent.');

    const banner = page.getByTestId('um-unreachable');
    await expect(banner).toContainText('The UM service is not answering — since');
    await expect(banner.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    await expect(banner).toContainText('refused the connection');
    await expect(banner).toContainText('The states below are the last ones it reported');
    await expect(page.getByTestId('board-summary')).toContainText('1 with a failed status check');
    const text = await page.locator('body').innerText();
    for (const leak of ['ECONNREFUSED', 'Error:', 'undici']) expect(text, `the page shows "${leak}"`).not.toContain(leak);
    await page.screenshot({ path: 'test-results/screenshots/calls-um-not-answering.png', fullPage: true });
  });
});
