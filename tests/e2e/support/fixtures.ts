import { test as base, expect } from '@playwright/test';
import { storageStateFor } from './auth-users';

/**
 * Playwright's test, aimed at the console that global-setup started, signed in as the admin
 * (override per file with `test.use({ storageState: storageStateFor('viewer') })` or SIGNED_OUT).
 */
export const test = base.extend({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  baseURL: async ({}, provide) => {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error('E2E_BASE_URL is not set: run the e2e tests through `playwright test` so global-setup starts the console.');
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`The e2e tests only run against a local console, not ${url}.`);
    await provide(url);
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  storageState: async ({}, provide) => provide(storageStateFor('admin')),
});

export { expect };
