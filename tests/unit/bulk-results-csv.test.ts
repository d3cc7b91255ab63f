import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BATCH_CSV_HEADER, batchResultsCsv, batchResultsFilename, type Batch, type BatchItem } from '../../lib/calls/bulk';

const item = (position: number, changes: Partial<BatchItem> = {}): BatchItem => ({
  position,
  callId: `Q2FsbC${position}==`,
  label: null,
  status: 'done',
  outcome: 'confirmed',
  message: 'The call was disconnected.',
  faultCode: null,
  errorCode: null,
  attemptId: `attempt-${position}`,
  auditSeq: 10 + position,
  startedAt: Date.UTC(2026, 0, 2, 3, 4, 5, 600),
  finishedAt: Date.UTC(2026, 0, 2, 3, 4, 6, 0),
  ...changes,
});

function batch(items: BatchItem[]): Batch {
  return {
    batchId: '0f0e0d0c-1111-4222-8333-444455556666',
    status: 'finished',
    statusMessage: null,
    reason: '=HYPERLINK("http://evil.test") stuck calls',
    createdAt: Date.UTC(2026, 0, 2, 3, 4, 0),
    createdByEmail: 'olivia@contoso.test',
    updatedAt: Date.UTC(2026, 0, 2, 3, 5, 0),
    finishedAt: Date.UTC(2026, 0, 2, 3, 5, 0),
    counts: {
      total: items.length,
      settled: items.length,
      byStatus: { pending: 0, running: 0, done: items.length, skipped: 0, cancelled: 0 },
      byOutcome: { confirmed: items.length, accepted: 0, 'already-ended': 0, failed: 0, unknown: 0 },
    },
    items,
  };
}

test('the results CSV has a header and one CRLF row per call with its outcome, fault and ISO times', () => {
  const csv = batchResultsCsv(
    batch([item(1), item(2, { outcome: 'failed', faultCode: 'HTTP 503', message: 'The UM service is unavailable, "503".' })]),
  );
  const lines = csv.split('\r\n');
  assert.equal(lines.at(-1), '', 'the last record ends with CRLF');
  assert.equal(lines[0], BATCH_CSV_HEADER.join(','));
  assert.equal(lines.length, 4);
  assert.match(lines[1] ?? '', /^1,Q2FsbC1==,,done,confirmed,,,The call was disconnected\.,attempt-1,11,2026-01-02T03:04:05\.600Z,2026-01-02T03:04:06\.000Z,/);
  assert.match(lines[2] ?? '', /,failed,HTTP 503,,"The UM service is unavailable, ""503""\.",/);
});

test('cells a spreadsheet would run as formulas are neutralised, as in the audit export', () => {
  const csv = batchResultsCsv(batch([item(1, { label: '+1 425 555 0100', message: '@SUM(A1)' })]));
  const row = csv.split('\r\n')[1] ?? '';
  assert.ok(row.includes(`"'+1 425 555 0100"`), row);
  assert.ok(row.includes(`"'@SUM(A1)"`), row);
  assert.ok(row.endsWith(`"'=HYPERLINK(""http://evil.test"") stuck calls"`), row);
});

test('the download is named after the batch and its start time in UTC', () => {
  assert.equal(batchResultsFilename(batch([])), 'bulk-disconnect-0f0e0d0c-2026-01-02T030400Z.csv');
});
