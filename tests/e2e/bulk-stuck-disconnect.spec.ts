import type { Page } from '@playwright/test';
import type { UmSimulator } from '../../lib/um/simulator';
import { E2E_USERS, SIGNED_OUT, signInThroughForm, type E2eUser } from './support/auth-users';
import type { PlannedCall } from './support/prepare-calls';
import { RINGING_DIAL_STRING, startRingingCallsConsole, type RingingCallsConsole } from './support/ringing-calls-console';
import type { RunningConsole } from './support/start-console';
import { expect, test } from './support/fixtures';

// The "done when", scaled down: 100 tracked calls of which 30 are stuck. Normal calls
// answer at once and stay Connected (far below the 7-day "connected" rule); the 30 numbers ending
// 0000 ring for ten minutes, so with "Connecting longer than 5 s" they are stuck within seconds.

test.use({ storageState: SIGNED_OUT });
test.describe.configure({ mode: 'serial' });

const STUCK = 30;
const NORMAL = 70;

let target: RingingCallsConsole;
let simulator: UmSimulator;
let server: RunningConsole;
let callIds: readonly string[] = [];
let batchId = '';

const planned: PlannedCall[] = [
  ...Array.from({ length: STUCK }, (_, i) => ({ dialString: RINGING_DIAL_STRING, label: `Stuck line ${String(i + 1).padStart(2, '0')}` })),
  ...Array.from({ length: NORMAL }, (_, i) => ({ dialString: `+1 425 555 ${String(100 + i).padStart(4, '0')}`, label: `Normal line ${String(i + 1).padStart(2, '0')}` })),
];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  target = await startRingingCallsConsole(planned, {
    DISCONNECT_VERIFY_TIMEOUT_MS: '3000',
    POLL_INTERVAL_MS: '3600000',
    BULK_PRECHECK_MAX_AGE_MS: '60000',
    UM_MAX_CONCURRENCY: '4',
  });
  ({ simulator, server, callIds } = target);
  // Past the 5 s rule before the first page is rendered, so the server's counts include them too.
  const wait = target.trackedAt + 6_500 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
});

test.afterAll(async () => {
  await target?.stop();
});

async function openBoard(page: Page, who: E2eUser, path = '/calls'): Promise<void> {
  await signInThroughForm(page, server.url, who, path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calls');
  // Stuck within seconds of tracking: the page shows the count once the rule has fired.
  await expect(page.getByTestId('title-stuck-count')).toHaveText(`(${STUCK} stuck)`, { timeout: 30_000 });
}

test('a viewer sees each stuck call badged with the rule that fired, the count in the title and navigation, and no bulk controls', async ({ page }) => {
  await openBoard(page, E2E_USERS.viewer);
  const board = page.getByTestId('call-board');
  await expect(board.getByTestId('stuck-badge')).toHaveCount(STUCK);
  const stuckRow = board.getByRole('row').filter({ hasText: 'Stuck line 01' });
  await expect(stuckRow.getByTestId('stuck-badge')).toHaveText(/^Stuck: Connecting \d+ s > 5 s$/);
  await expect(board.getByRole('row').filter({ hasText: 'Normal line 01' }).getByTestId('stuck-badge')).toHaveCount(0);
  await expect(page).toHaveTitle(`(${STUCK} stuck) Calls · UM Call Console`);
  await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: `Calls (${STUCK} stuck)` })).toBeVisible();
  // Longest in their state first: the stuck calls were tracked first and have not changed state.
  await expect(board.getByRole('row').nth(1)).toContainText('Stuck line 01');
  await expect(board.getByRole('checkbox', { name: /^Select / })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Disconnect selected' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/stuck-board.png', fullPage: false });
});

test('an operator filters "Stuck only", selects all 30 by the filter, previews, types the count, and watches the run finish with 30 outcomes', async ({ page }) => {
  test.setTimeout(120_000);
  await openBoard(page, E2E_USERS.operator);
  await page.getByRole('checkbox', { name: /Stuck only/ }).check();
  await expect(page).toHaveURL(/\/calls\?stuck=1$/);
  const board = page.getByTestId('call-board');
  await expect(board.getByRole('checkbox', { name: /^Select (Stuck|Normal) line/ })).toHaveCount(STUCK);
  await expect(board.getByRole('row').filter({ hasText: 'Normal line' })).toHaveCount(0);

  await page.getByRole('button', { name: `Select all ${STUCK} matching this filter` }).click();
  await expect(page.getByTestId('bulk-status')).toContainText(`All ${STUCK} stuck calls matching this filter are selected`);
  await page.getByRole('button', { name: 'Disconnect selected' }).click();
  const dialog = page.getByRole('dialog', { name: `Disconnect these ${STUCK} calls?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('bulk-preview').getByRole('row')).toHaveCount(STUCK + 1);
  await dialog.getByLabel('Reason').fill('E2E: clearing the stuck calls');
  await dialog.getByLabel(`Type ${STUCK} to confirm`).fill('29');
  await page.screenshot({ path: 'test-results/screenshots/bulk-preview.png' });
  await dialog.getByRole('button', { name: `Disconnect ${STUCK} calls` }).click();
  await expect(dialog.getByText(`You typed 29, but ${STUCK} calls would be disconnected`)).toBeVisible();
  expect(simulator.requests.filter((r) => r.operation === 'Disconnect')).toHaveLength(0);

  await dialog.getByLabel(`Type ${STUCK} to confirm`).fill(String(STUCK));
  await dialog.getByRole('button', { name: `Disconnect ${STUCK} calls` }).click();
  await page.waitForURL(/\/calls\/batches\/[0-9a-f-]{36}$/);
  batchId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
  const run = page.getByTestId('batch-run');
  await expect(run.getByTestId('batch-items').getByRole('row')).toHaveCount(STUCK + 1);
  await expect(run.getByTestId('batch-progress')).toHaveText(`${STUCK} / ${STUCK} done`, { timeout: 90_000 });
  await expect(run).toHaveAttribute('data-status', 'finished');
  await expect(run.getByTestId('batch-outcomes')).toContainText(`Disconnected (confirmed): ${STUCK}`);
  await expect(run.locator('[data-item-status="done"]')).toHaveCount(STUCK);
  await page.screenshot({ path: 'test-results/screenshots/bulk-run-finished.png', fullPage: true });

  // Only the stuck calls were sent a Disconnect, each exactly once.
  const disconnects = simulator.requests.filter((r) => r.operation === 'Disconnect');
  expect(new Set(disconnects.map((r) => r.callId))).toEqual(new Set(callIds.slice(0, STUCK)));
  expect(disconnects).toHaveLength(STUCK);

  // The CSV has every call with its outcome.
  const csv = await page.request.get(`${server.url}/calls/batches/${batchId}/results.csv`);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split(/\r?\n/);
  expect(lines).toHaveLength(STUCK + 1);

  // Reopening the run's page shows it where it is.
  await page.goto(`${server.url}/calls/batches/${batchId}`);
  await expect(page.getByTestId('batch-progress')).toHaveText(`${STUCK} / ${STUCK} done`);
});

test('the audit log filtered by that batch shows 30 attempts, and the export of that filter has 30 attempts', async ({ page }) => {
  expect(batchId).not.toBe('');
  await signInThroughForm(page, server.url, E2E_USERS.auditor, '/audit');
  await page.getByLabel('Batch').fill(batchId);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`batchId=${batchId}`));
  await expect(page.getByTestId('batch-ref')).toHaveCount(STUCK);
  const href = await page.getByRole('link', { name: 'Export CSV', exact: true }).getAttribute('href');
  expect(href).toContain(`batchId=${batchId}`);
  const exported = await page.request.get(`${server.url}${href ?? ''}`);
  expect(exported.status()).toBe(200);
  const rows = (await exported.text()).trim().split(/\r?\n/).slice(1);
  expect(rows).toHaveLength(STUCK);
  for (const row of rows) expect(row).toContain(batchId);
});

test('a stuck call’s timeline shows who tracked it, the bulk disconnect and its result, newest first', async ({ page }) => {
  const callId = callIds[0] ?? '';
  await openBoardAsOperatorOnAll(page);
  await page.getByTestId('call-board').getByRole('link', { name: 'Stuck line 01' }).click();
  await expect(page).toHaveURL(`${server.url}/calls/${encodeURIComponent(callId)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stuck line 01');
  const facts = page.getByTestId('call-facts');
  await expect(facts).toContainText(callId);
  await expect(facts).toContainText('um-sim-01.contoso.test');
  await expect(facts).toContainText('Disconnected');
  await expect(page.getByTestId('call-stuck')).toHaveText('No — the call has ended');
  const items = page.getByTestId('call-timeline').getByRole('listitem');
  await expect(items.filter({ hasText: 'Disconnect requested by operator@e2e.example (bulk disconnect): “E2E: clearing the stuck calls”' })).toHaveCount(1);
  await expect(items.filter({ hasText: 'Disconnect result: Disconnected (confirmed)' })).toHaveCount(1);
  await expect(items.last()).toContainText(/Tracked by operator@e2e\.example|Connecting/);
  await expect(items.first().locator('time')).toHaveAttribute('datetime', /Z$/);
  await page.screenshot({ path: 'test-results/screenshots/call-timeline.png', fullPage: true });

  // The audit entry of the result says in words how the call was checked before its Disconnect: the
  // poller's sighting at start (within BULK_PRECHECK_MAX_AGE_MS), or a fresh check when the run came later.
  await items.filter({ hasText: 'Disconnect result:' }).getByRole('link', { name: /^Audit entry #\d+$/ }).click();
  await expect(page.getByTestId('audit-precheck')).toHaveText(
    /^(Connecting, seen (by the status poller|when the call was tracked) [\d.]+ (ms|s) before; not checked again \(a bulk disconnect uses what the console saw within 60 s\)\.|Connecting, checked with GetCallInfo just before\.)$/,
  );
  await page.goBack();

  await page.goto(`${server.url}/calls/${encodeURIComponent('Tm90VHJhY2tlZA==')}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Call not tracked');
});

async function openBoardAsOperatorOnAll(page: Page): Promise<void> {
  await signInThroughForm(page, server.url, E2E_USERS.operator, '/calls?view=all');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calls');
}
