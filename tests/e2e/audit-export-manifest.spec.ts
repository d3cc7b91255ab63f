// An auditor downloads an export and its signed manifest from the audit page, and the offline
// `admin verify-export` accepts the pair with the console's public key alone.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { signingKeyFromSeed } from '../../lib/audit/chain/signing-key';
import { storageStateFor } from './support/auth-users';
import { expect, test } from './support/fixtures';
import { runAdminCommand, type CommandRun } from '../helpers/admin-command';

let dir: string;
test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'um-console-e2e-export-'));
});
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function save(page: Page, link: string): Promise<string> {
  const downloading = page.waitForEvent('download');
  await page.getByTestId('audit-export').getByRole('link', { name: link, exact: true }).click();
  const download = await downloading;
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

function verifyExport(args: readonly string[]): Promise<CommandRun> {
  // No data folder and no key in the environment: the auditor's own machine.
  return runAdminCommand(['verify-export', ...args], { env: { DATA_DIR: path.join(dir, 'no-data-folder'), AUDIT_SIGNING_KEY: '', DATABASE_URL: '' } });
}

test.describe('an auditor', () => {
  test.use({ storageState: storageStateFor('auditor') });

  test('downloads a filtered export and its manifest, and verify-export accepts them offline', async ({ page }) => {
    const seed = process.env.AUDIT_SIGNING_KEY ?? '';
    expect(seed, 'playwright.config.ts sets a test-only signing key').not.toBe('');
    const key = signingKeyFromSeed(seed);
    const trusted = path.join(dir, 'console-public.pem');
    await writeFile(trusted, key.publicKeyPem);

    await page.goto('/audit?tab=events&action=auth.sign_in');
    const note = page.getByTestId('audit-export-note');
    await expect(note).toContainText('verify-export');
    const through = Number(/up to seq (\d+)/.exec(await note.innerText())?.[1]);
    expect(through).toBeGreaterThan(0);
    await page.getByTestId('audit-export').screenshot({ path: 'test-results/screenshots/audit-export-links.png' });

    for (const [fileLink, manifestLink, extension] of [
      ['Export CSV', 'CSV manifest', 'csv'],
      ['Export NDJSON', 'NDJSON manifest', 'ndjson'],
    ] as const) {
      // The file first: its own audit entry lands after the pin, so the manifest still matches it.
      const file = await save(page, fileLink);
      const manifest = await save(page, manifestLink);
      expect(path.basename(file)).toMatch(new RegExp(`^audit-events-\\d{4}-\\d{2}-\\d{2}-through-${through}\\.${extension}$`));
      expect(path.basename(manifest)).toBe(`${path.basename(file)}.manifest.json`);
      const run = await verifyExport([file, manifest, '--public-key', trusted]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Export OK: [1-9]\\d* rows, seq \\d+–\\d+, through ${through}, signed by key ${key.keyId}\\n`));
    }
  });
});

test.describe('an operator', () => {
  test.use({ storageState: storageStateFor('operator') });

  test('exports their own entries but is offered no signed manifest', async ({ page }) => {
    await page.goto('/audit?tab=events');
    const area = page.getByTestId('audit-export');
    await expect(area.getByRole('link', { name: 'Export CSV', exact: true })).toBeVisible();
    await expect(area.getByRole('link', { name: /manifest/ })).toHaveCount(0);
  });
});
