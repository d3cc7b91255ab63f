import { rm } from 'node:fs/promises';
import { sql } from 'kysely';
import { openDatabase } from '../../lib/db/open-database';
import { dropAppendOnlyTriggers } from '../helpers/databases/append-only-triggers';
import { consoleDatabaseUrl } from '../helpers/databases/console-database';
import { E2E_USERS, SIGNED_OUT, signInThroughForm, storageStateFor } from './support/auth-users';
import { startConsole, type RunningConsole } from './support/start-console';
import { expect, test } from './support/fixtures';

// The audit log's integrity on the audit page: the background check's line, the last signed
// checkpoint and the admin's "Sign a checkpoint now" on the shared console; the alarm on a console
// of its own whose database is tampered with while it runs. The administrator goes first, so the
// auditor finds a checkpoint however young the shared console is.

const ISO = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z`;

test.describe('an operator', () => {
  test.use({ storageState: storageStateFor('operator') });

  test('sees their own entries without the chain status', async ({ page }) => {
    await page.goto('/audit');
    await expect(page.getByTestId('own-entries-note')).toBeVisible();
    await expect(page.getByTestId('chain-status')).toHaveCount(0);
  });
});

test.describe('an administrator', () => {
  test('signs a checkpoint on demand: the line names the new one, and the audit log records who asked', async ({ page }) => {
    await page.goto('/audit');
    const before = (await page.getByTestId('last-checkpoint').textContent()) ?? '';
    await page.getByRole('button', { name: 'Sign a checkpoint now' }).click();
    const status = page.getByTestId('checkpoint-status');
    await expect(status).toHaveText(new RegExp(`^Signed a checkpoint of seq \\d+ at ${ISO}\\.$`));
    const [, seq, at] = /seq (\d+) at (\S+)\.$/.exec((await status.textContent()) ?? '') ?? [];
    await expect(page.getByTestId('last-checkpoint')).toContainText(`Last signed checkpoint: seq ${seq} at ${at}`);
    expect(await page.getByTestId('last-checkpoint').textContent()).not.toBe(before);
    await page.screenshot({ path: 'test-results/screenshots/audit-integrity.png', fullPage: true });

    await page.goto('/audit?tab=events&action=audit.checkpoint');
    const row = page.getByRole('table', { name: 'Audit events, newest first' }).getByRole('row').filter({ hasText: 'admin@e2e.example' });
    await expect(row.first()).toContainText('Audit checkpoint signed on request');
    await expect(row.first()).toContainText(String(seq));
  });

  test('sets the audit retention: bad input is refused under the field, a good value is saved and audited, then back to forever', async ({ page }) => {
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Audit retention' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit retention');
    const days = page.getByLabel('Keep audit events for (days)');
    await expect(days).toHaveValue('');
    await expect(page.getByTestId('audit-oldest')).toContainText('The oldest entry kept is seq 1');

    await days.fill('-3');
    await page.getByRole('button', { name: 'Save retention' }).click();
    await expect(page.getByTestId('audit-retention-status')).toHaveText('The retention was not saved; check the field marked.');
    await expect(days).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#audit-retention-days-error')).toHaveText(
      'Keep audit events for: a whole number of days from 1 to 36500, or 0 (or empty) to keep them forever.',
    );
    await page.reload();
    await expect(page.getByLabel('Keep audit events for (days)')).toHaveValue('');

    await page.getByLabel('Keep audit events for (days)').fill('3650');
    await page.getByRole('button', { name: 'Save retention' }).click();
    await expect(page.getByTestId('audit-retention-status')).toHaveText('Saved. Audit events older than 3650 day(s) are removed at the next daily run.');
    await page.reload();
    await expect(page.getByLabel('Keep audit events for (days)')).toHaveValue('3650');
    await page.goto('/audit?tab=events&action=settings.audit_retention');
    await expect(page.getByRole('row').filter({ hasText: 'admin@e2e.example' }).first()).toContainText('Audit retention changed');

    // Back to the default, so other specs on this console see a log kept forever.
    await page.goto('/settings/audit-retention');
    await page.getByLabel('Keep audit events for (days)').fill('');
    await page.getByRole('button', { name: 'Save retention' }).click();
    await expect(page.getByTestId('audit-retention-status')).toHaveText('Saved. Audit events are now kept forever.');
  });
});

test.describe('an auditor', () => {
  test.use({ storageState: storageStateFor('auditor') });

  test('sees the chain verified up to a seq at an ISO time and the last signed checkpoint, without the button', async ({ page }) => {
    // The background check runs every 5 s on this console: a young one may not have covered an entry yet.
    await expect(async () => {
      await page.goto('/audit');
      await expect(page.getByTestId('chain-verified')).toHaveText(new RegExp(`^Chain verified up to seq \\d+ at ${ISO}$`), { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByTestId('last-checkpoint')).toHaveText(new RegExp(`^Last signed checkpoint: seq \\d+ at ${ISO} \\(key [0-9a-f]{16}\\)$`));
    await expect(page.getByTestId('chain-alarm')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Sign a checkpoint now' })).toHaveCount(0);
  });
});

test.describe('a console whose audit log is tampered with while it runs', () => {
  test.use({ storageState: SIGNED_OUT });
  let server: RunningConsole;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startConsole({ env: { AUDIT_VERIFY_INTERVAL_MS: '1000' } });
  });
  test.afterAll(async () => {
    await server?.stop();
    if (server) await rm(server.dataDir, { recursive: true, force: true });
  });

  test('shows the alarm in words, naming the seq and what to run, and logs it once', async ({ page }) => {
    await signInThroughForm(page, server.url, E2E_USERS.auditor, '/audit');
    await expect(page.getByTestId('chain-verified')).toContainText('Chain verified');

    // What someone with write access to the database file (but not the key) would do.
    const database = await openDatabase(await consoleDatabaseUrl(server.dataDir));
    try {
      await dropAppendOnlyTriggers(database.db);
      await sql`UPDATE audit_events SET source_ip = '203.0.113.9' WHERE seq = 1`.execute(database.db);
    } finally {
      await database.close();
    }

    // By its role and words: Next's own route announcer is an (empty) alert too.
    const alarm = page.getByRole('alert').filter({ hasText: 'The audit log failed verification' });
    await expect(async () => {
      await page.reload();
      await expect(alarm).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(alarm).toContainText('The audit log failed verification at seq 1: edited.');
    await expect(alarm).toContainText('npm run --silent admin -- verify-audit');
    await expect(page.getByTestId('chain-verified')).toHaveCount(0);
    await expect(alarm).toHaveAttribute('data-testid', 'chain-alarm');
    await page.screenshot({ path: 'test-results/screenshots/audit-integrity-alarm.png', fullPage: true });
    expect(server.output().match(/AUDIT LOG ALARM/g)).toHaveLength(1);
  });
});
