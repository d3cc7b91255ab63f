// Known users for the e2e consoles, seeded into a console's data folder before it starts, and
// ways to sign them in: through the form (as a person does) or over HTTP (to save a session).
import { request, type Page } from '@playwright/test';
import path from 'node:path';
import type { Role } from '../../../lib/auth/roles';
import { createUser } from '../../../lib/auth/users';
import { openDatabase } from '../../../lib/db/open-database';
import { consoleDatabaseUrl } from '../../helpers/databases/console-database';

export interface E2eUser {
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly password: string;
}

const user = (role: Role, displayName: string): E2eUser => ({
  email: `${role}@e2e.example`,
  displayName,
  role,
  password: `e2e ${role} password`,
});

/** One user per role, all with their own (not one-time) passwords. */
export const E2E_USERS: Readonly<Record<Role, E2eUser>> = {
  viewer: user('viewer', 'Vera Viewer'),
  operator: user('operator', 'Otto Operator'),
  auditor: user('auditor', 'Aude Auditor'),
  admin: user('admin', 'Ada Admin'),
};

/** Creates the E2E_USERS in the console's database: `databaseUrl`, or by default the data folder's (consoleDatabaseUrl). */
export async function seedE2eUsers(dataDir: string, databaseUrl?: string): Promise<void> {
  const database = await openDatabase(databaseUrl ?? (await consoleDatabaseUrl(dataDir)));
  try {
    for (const seeded of Object.values(E2E_USERS)) {
      const created = await createUser(database.db, seeded);
      if (!created.ok) throw new Error(`Could not seed ${seeded.email}: ${created.error.message}`);
    }
  } finally {
    await database.close();
  }
}

/** Signs in through next-auth's endpoints and saves the session as a Playwright storage state. */
export async function saveSignedInState(baseUrl: string, who: E2eUser, file: string): Promise<void> {
  const context = await request.newContext({ baseURL: baseUrl });
  try {
    const { csrfToken } = (await (await context.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const response = await context.post('/api/auth/callback/credentials', {
      form: { csrfToken, email: who.email, password: who.password, callbackUrl: '/calls', json: 'true' },
    });
    if (!response.ok()) throw new Error(`Signing in ${who.email} answered HTTP ${response.status()}`);
    const state = await context.storageState({ path: file });
    if (!state.cookies.some((cookie) => cookie.name === 'umcc-session')) throw new Error(`No session for ${who.email}`);
  } finally {
    await context.dispose();
  }
}

/** The Cookie header of a fresh session for `who`, for plain fetch() calls. */
export async function sessionCookieFor(baseUrl: string, who: E2eUser): Promise<string> {
  const context = await request.newContext({ baseURL: baseUrl });
  try {
    const { csrfToken } = (await (await context.get('/api/auth/csrf')).json()) as { csrfToken: string };
    await context.post('/api/auth/callback/credentials', {
      form: { csrfToken, email: who.email, password: who.password, callbackUrl: '/', json: 'true' },
    });
    const { cookies } = await context.storageState();
    return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  } finally {
    await context.dispose();
  }
}

/** Signs in through the sign-in page, as a person does, and waits to leave it. */
export async function signInThroughForm(page: Page, baseUrl: string, who: Pick<E2eUser, 'email' | 'password'>, callbackPath = '/'): Promise<void> {
  await page.goto(`${baseUrl}/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/**
 * The saved session of the global console's user with `role` (global-setup signs each one in);
 * for `test.use({ storageState: storageStateFor('viewer') })`. Specs are signed in as admin unless
 * they say otherwise; `test.use({ storageState: SIGNED_OUT })` starts signed out.
 */
export function storageStateFor(role: Role): string {
  const dir = process.env.E2E_AUTH_DIR;
  if (!dir) throw new Error('E2E_AUTH_DIR is not set: run the e2e tests through `playwright test` so global-setup signs the users in.');
  return path.join(dir, `${role}.json`);
}

export const SIGNED_OUT = { cookies: [], origins: [] };
