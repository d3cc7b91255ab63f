// The offline pieces of verify-export: the streaming CSV reader, the file scan and the canonical
// manifest encoding the signature covers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toCsvLine } from '../../lib/audit/export/csv-cells';
import { createCsvRecordReader } from '../../lib/audit/export/csv-records';
import { canonicalManifestText, type UnsignedExportManifest } from '../../lib/audit/export/export-manifest';
import { ATTEMPTS_VIEW, EVENTS_VIEW } from '../../lib/audit/export/export-views';
import { scanExportFile } from '../../lib/audit/export/scan-export-file';

async function* pieces(text: string | Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

test('the CSV reader gives the same records however the text is cut, quotes, commas and line breaks included', () => {
  const records = [['seq', 'reason'], ['3', 'a, "quoted"\r\nsecond line'], ['2', "'=1+1"], ['1', '']];
  const text = records.map((record) => toCsvLine(record)).join('');
  for (const size of [1, 2, 3, 7, text.length]) {
    const reader = createCsvRecordReader();
    const read: string[][] = [];
    for (let at = 0; at < text.length; at += size) read.push(...reader.push(text.slice(at, at + size)));
    assert.deepEqual(read, records, `pieces of ${size}`);
    assert.ok(reader.atRecordEnd());
  }
  const cut = createCsvRecordReader();
  cut.push('seq\r\n3,"open');
  assert.equal(cut.atRecordEnd(), false);
});

test('the scan reads seqs from CSV and NDJSON in small pieces and names the first row that breaks the rules', async () => {
  const header = toCsvLine(EVENTS_VIEW.header);
  const row = (seq: number) => toCsvLine([seq, ...EVENTS_VIEW.header.slice(1).map(() => 'x, y')]);
  const csv = header + row(9) + row(7) + row(4);
  const good = await scanExportFile(pieces(csv, 5), { format: 'csv', view: 'events', through: 9 });
  assert.deepEqual({ ...good, sha256: undefined }, { rows: 3, firstSeq: 4, lastSeq: 9, problem: null, sha256: undefined });
  const above = await scanExportFile(pieces(csv, 5), { format: 'csv', view: 'events', through: 8 });
  assert.match(above.problem ?? '', /^Row 1 is seq 9, above the manifest's through \(8\)/);
  const cut = await scanExportFile(pieces(csv.slice(0, -3), 5), { format: 'csv', view: 'events', through: 9 });
  assert.match(cut.problem ?? '', /ends in the middle of a row/);
  const otherView = await scanExportFile(pieces(csv, 64), { format: 'csv', view: 'disconnects', through: 9 });
  assert.equal(otherView.problem, 'The CSV header is not that of the disconnects view.');

  const attempts = [{ seq: 6, completed: { seq: 8 } }, { seq: 5, completed: null }].map((line) => `${JSON.stringify(line)}\n`).join('');
  const pinned = await scanExportFile(pieces(attempts, 3), { format: 'ndjson', view: 'disconnects', through: 7 });
  assert.match(pinned.problem ?? '', /^Row 1 has its completion at seq 8, above the manifest's through \(7\)\.$/);
  const fine = await scanExportFile(pieces(attempts, 3), { format: 'ndjson', view: 'disconnects', through: 8 });
  assert.deepEqual([fine.rows, fine.firstSeq, fine.lastSeq, fine.problem], [2, 5, 6, null]);
  const notUtf8 = await scanExportFile(pieces(Buffer.from([0x7b, 0xff, 0xfe, 0x0a]), 2), { format: 'ndjson', view: 'events', through: 8 });
  assert.match(notUtf8.problem ?? '', /not UTF-8 text/);
  assert.ok(ATTEMPTS_VIEW.header.includes('completed_seq'));
});

test('the canonical manifest text covers every field but the signature, whatever the filter key order', () => {
  const base: UnsignedExportManifest = {
    manifestVersion: 1,
    generatedAt: '2026-01-02T03:04:05.000Z',
    format: 'csv',
    view: 'events',
    filter: { action: 'call.track', q: 'x' },
    through: 10,
    rowCount: 3,
    firstSeq: 2,
    lastSeq: 9,
    sha256: 'a'.repeat(64),
    chainHead: { seq: 10, hash: 'b'.repeat(64) },
    keyId: 'c'.repeat(16),
    publicKey: '-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\n',
  };
  const text = canonicalManifestText(base);
  assert.equal(canonicalManifestText({ ...base, filter: { q: 'x', action: 'call.track' } }), text);
  const changes: Partial<UnsignedExportManifest>[] = [
    { generatedAt: '2026-01-02T03:04:06.000Z' },
    { format: 'ndjson' },
    { view: 'disconnects' },
    { filter: { action: 'call.track' } },
    { through: 11 },
    { rowCount: 4 },
    { firstSeq: 3 },
    { lastSeq: 8 },
    { sha256: 'd'.repeat(64) },
    { chainHead: { seq: 10, hash: 'e'.repeat(64) } },
    { chainHead: null },
    { keyId: 'f'.repeat(16) },
    { publicKey: 'other' },
  ];
  for (const change of changes) assert.notEqual(canonicalManifestText({ ...base, ...change }), text, JSON.stringify(change));
  assert.ok(text.startsWith('["audit-export-manifest",1,'));
});
