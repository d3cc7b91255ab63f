// The audit page's Export link, with the browser session: the whole filtered view as a download.
import { storageStateFor } from './support/auth-users';
import { expect, test } from './support/fixtures';

test.use({ storageState: storageStateFor('auditor') });

test("an auditor's session downloads the filtered audit view as CSV, and the export is itself on record", async ({ request, baseURL }) => {
  const response = await request.get(`${baseURL}/audit/export?tab=events&action=auth.sign_in&format=csv`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^text\/csv/);
  expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="audit-events-.*\.csv"$/);
  const lines = (await response.text()).trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^seq,at,action,outcome,/);
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((line) => line.split(',')[2] === 'auth.sign_in')).toBe(true);

  const recorded = await request.get(`${baseURL}/audit/export?tab=events&action=audit.export&format=ndjson`);
  const exports = (await recorded.text()).trimEnd().split('\n').map((line) => JSON.parse(line) as { details: { rows: number; format: string } });
  expect(exports[0]?.details).toMatchObject({ rows: lines.length - 1, format: 'csv' });
});
