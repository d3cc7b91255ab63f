import type { Page } from '@playwright/test';
import { disableUser, findUserByEmail, setUserRole } from '../../lib/auth/users';
import { openDatabase } from '../../lib/db/open-database';
import { consoleDatabaseUrl } from '../helpers/databases/console-database';
import { E2E_USERS, SIGNED_OUT, signInThroughForm } from './support/auth-users';
import { startConsole, type RunningConsole } from './support/start-console';
import { expect, test } from './support/fixtures';

// Each group runs its own console: failed sign-ins count against 127.0.0.1, and must not throttle
// the shared console that the other specs sign in to.
test.use({ storageState: SIGNED_OUT });

const NEW_ADMIN_PASSWORD = 'the admin’s own passphrase';

function errorText(page: Page) {
  // Next adds its own role="alert" route announcer: find the form's message by its test id.
  return page.getByTestId('sign-in-error');
}

async function fillSignIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function readAudit(server: RunningConsole, action: string) {
  const database = await openDatabase(await consoleDatabaseUrl(server.dataDir));
  try {
    return await database.db
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'actor_email', 'actor_role', 'auth_method', 'source_ip'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute();
  } finally {
    await database.close();
  }
}

test.describe('a fresh console', () => {
  let server: RunningConsole;
  test.beforeAll(async () => {
    server = await startConsole({ seedUsers: false });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('the printed one-time password signs the admin in once, must be changed, and sign-out ends the session', async ({ page }) => {
    const printed = /Email:\s+(\S+)\s+Password:\s+(\S+)/.exec(server.output());
    expect(printed, 'the bootstrap block in the server log').not.toBeNull();
    const [, email = '', oneTime = ''] = printed ?? [];
    expect(server.output().match(/Password:/g)).toHaveLength(1);

    await page.goto(`${server.url}/calls`);
    await expect(page).toHaveURL(`${server.url}/sign-in?callbackUrl=%2Fcalls`);
    await fillSignIn(page, email, oneTime);

    // A one-time password only opens the page that replaces it.
    await expect(page).toHaveURL(`${server.url}/account/password?callbackUrl=%2Fcalls`);
    await expect(page.getByRole('heading', { name: 'Change your password' })).toBeVisible();
    await page.goto(`${server.url}/`);
    await expect(page).toHaveURL(`${server.url}/account/password?callbackUrl=%2F`);
    await page.screenshot({ path: 'test-results/screenshots/auth-change-password.png', fullPage: true });

    await page.getByLabel('Current password').fill(oneTime);
    await page.getByLabel('New password', { exact: true }).fill('too short');
    await page.getByLabel('Repeat the new password').fill('too short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByTestId('change-password-error')).toHaveText('A password needs at least 12 characters.');

    await page.getByLabel('Current password').fill(oneTime);
    await page.getByLabel('New password', { exact: true }).fill(NEW_ADMIN_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(NEW_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page).toHaveURL(`${server.url}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connection to the UM service');
    const header = page.getByRole('banner');
    await expect(header.getByTestId('signed-in-user')).toContainText('admin@localhost · Administrator');

    const [session] = (await page.context().cookies(server.url)).filter((cookie) => cookie.name === 'umcc-session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    expect(session?.secure).toBe(false);

    await header.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(`${server.url}/sign-in?callbackUrl=%2Fcalls`);
    await page.goto(`${server.url}/`);
    await expect(page).toHaveURL(`${server.url}/sign-in`);

    // The printed password is spent; the new one works.
    await fillSignIn(page, email, oneTime);
    await expect(errorText(page)).toHaveText('Wrong email or password.');
    await fillSignIn(page, email, NEW_ADMIN_PASSWORD);
    await expect(page).toHaveURL(`${server.url}/calls`);

    expect(await readAudit(server, 'auth.bootstrap_admin')).toHaveLength(1);
    expect((await readAudit(server, 'auth.sign_in')).map((row) => row.outcome)).toEqual(['success', 'failure', 'success']);
    const [signOut] = await readAudit(server, 'auth.sign_out');
    expect(signOut).toMatchObject({ outcome: 'success', actor_email: 'admin@localhost', actor_role: 'admin', auth_method: 'session', source_ip: '127.0.0.1' });
  });
});

test.describe('signing in', () => {
  let server: RunningConsole;
  test.beforeAll(async () => {
    server = await startConsole();
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('a signed-out visit to /calls lands on /sign-in, and signing in returns to /calls', async ({ page }) => {
    await page.goto(`${server.url}/calls`);
    await expect(page).toHaveURL(`${server.url}/sign-in?callbackUrl=%2Fcalls`);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/auth-sign-in.png', fullPage: true });
    await fillSignIn(page, E2E_USERS.operator.email.toUpperCase(), E2E_USERS.operator.password);
    await expect(page).toHaveURL(`${server.url}/calls`);
    await expect(page.getByTestId('signed-in-user')).toContainText('Otto Operator');
  });

  test('a wrong password and an unknown email get the same message, which names neither', async ({ page }) => {
    await page.goto(`${server.url}/sign-in`);
    await fillSignIn(page, E2E_USERS.viewer.email, 'not the right password');
    await expect(errorText(page)).toHaveText('Wrong email or password.');
    await expect(page).toHaveURL(`${server.url}/sign-in`);
    await page.screenshot({ path: 'test-results/screenshots/auth-sign-in-wrong-password.png', fullPage: true });
    await fillSignIn(page, 'nobody@e2e.example', 'not the right password');
    await expect(errorText(page)).toHaveText('Wrong email or password.');
  });

  test('a callbackUrl to another site is followed by path only and sign-in stays on this origin', async ({ page }) => {
    for (const [callbackUrl, landing] of [
      ['https://evil.example', '/'],
      ['//evil.example/calls', '/calls'],
      ['/\\evil.example', '/'],
      ['javascript:alert(1)', '/calls'],
    ] as const) {
      await page.context().clearCookies();
      await page.goto(`${server.url}/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await fillSignIn(page, E2E_USERS.viewer.email, E2E_USERS.viewer.password);
      await page.waitForURL((url) => url.pathname !== '/sign-in');
      expect(new URL(page.url()).origin, callbackUrl).toBe(server.url);
      expect(new URL(page.url()).pathname, callbackUrl).toBe(landing);
    }
  });

  test('someone already signed in who opens /sign-in goes straight to the callback', async ({ page }) => {
    await signInThroughForm(page, server.url, E2E_USERS.viewer);
    await page.goto(`${server.url}/sign-in?callbackUrl=${encodeURIComponent('/account/password')}`);
    await expect(page).toHaveURL(`${server.url}/account/password`);
  });

  test('a signed-in role that a page does not admit gets the plain "Not allowed" page, not a redirect', async ({ page }) => {
    // design.md: the auditor role reads the audit log and stands apart from viewer, so /calls is closed to it.
    // (The HTTP status is 403 only when the page has not begun streaming; /calls has a loading state.)
    await signInThroughForm(page, server.url, E2E_USERS.auditor, '/account/password');
    await page.goto(`${server.url}/calls`);
    await expect(page).toHaveURL(`${server.url}/calls`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not allowed');
    await expect(page.getByTestId('signed-in-user')).toContainText('Aude Auditor');
    await page.screenshot({ path: 'test-results/screenshots/auth-forbidden.png', fullPage: true });
  });

  test('a role change or a disabled account takes effect at the next request, without signing out', async ({ page }) => {
    await signInThroughForm(page, server.url, E2E_USERS.operator, '/calls');
    await expect(page).toHaveURL(`${server.url}/calls`);
    const database = await openDatabase(await consoleDatabaseUrl(server.dataDir));
    try {
      const operator = await findUserByEmail(database.db, E2E_USERS.operator.email);
      if (!operator) throw new Error('the seeded operator is missing');
      expect((await setUserRole(database.db, operator.id, 'auditor')).ok).toBe(true);
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not allowed');
      expect((await disableUser(database.db, operator.id)).ok).toBe(true);
      await page.reload();
      await expect(page).toHaveURL(`${server.url}/sign-in?callbackUrl=%2Fcalls`);
      await fillSignIn(page, E2E_USERS.operator.email, E2E_USERS.operator.password);
      await expect(errorText(page)).toHaveText('This account is disabled. Ask an administrator to enable it.');
    } finally {
      await database.close();
    }
  });

  test('a signed-out API call is answered 401 with a JSON error, not a redirect', async ({ request }) => {
    const response = await request.get(`${server.url}/api/board`, { maxRedirects: 0 });
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: 'unauthenticated', message: 'Sign in first: this request needs a session or an API token.' },
    });
  });
});

test.describe('throttling', () => {
  let server: RunningConsole;
  test.beforeAll(async () => {
    server = await startConsole();
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('after 5 failures the account is refused, even with the right password, with the time to try again', async ({ page }) => {
    await page.goto(`${server.url}/sign-in`);
    for (let i = 0; i < 5; i += 1) {
      await fillSignIn(page, E2E_USERS.auditor.email, `wrong password ${i}`);
      await expect(errorText(page)).toHaveText('Wrong email or password.');
      await page.getByLabel('Password', { exact: true }).fill('');
    }
    await fillSignIn(page, E2E_USERS.auditor.email, E2E_USERS.auditor.password);
    await expect(errorText(page)).toHaveText(/^Too many failed sign-ins for this account\. Try again after \d\d:\d\d UTC\.$/);
    await expect(page).toHaveURL(`${server.url}/sign-in`);
    await page.screenshot({ path: 'test-results/screenshots/auth-sign-in-throttled.png', fullPage: true });
    expect((await readAudit(server, 'auth.sign_in')).map((row) => row.outcome)).toEqual([
      'failure',
      'failure',
      'failure',
      'failure',
      'failure',
      'throttled',
    ]);
  });
});
