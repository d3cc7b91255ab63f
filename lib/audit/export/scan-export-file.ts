import { createHash } from 'node:crypto';
import { createCsvRecordReader } from './csv-records';
import type { ExportFormat } from './export-stream';
import { ATTEMPTS_VIEW, EVENTS_VIEW, type AuditView } from './export-views';

/** What an export file holds, read once from start to end. */
export interface ExportFileScan {
  readonly sha256: string;
  readonly rows: number;
  /** The lowest and highest seq of its rows; null without rows. */
  readonly firstSeq: number | null;
  readonly lastSeq: number | null;
  /** The first thing wrong with the rows themselves, in a sentence; null when none is. */
  readonly problem: string | null;
}

export interface ScanExpectation {
  readonly format: ExportFormat;
  readonly view: AuditView;
  readonly through: number;
}

const SEQ = /^[1-9]\d{0,15}$/;

/**
 * Hashes the exact bytes and reads every row's seq (and, for disconnect attempts, its completion's
 * seq): rows must go newest first with each seq lower than the one before, and nothing may lie
 * above `through`. Memory stays at one chunk however large the file is.
 */
export async function scanExportFile(bytes: AsyncIterable<Uint8Array>, expect: ScanExpectation): Promise<ExportFileScan> {
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rows = 0;
  let firstSeq: number | null = null;
  let lastSeq: number | null = null;
  let problem: string | null = null;
  const row = (seq: unknown, completedSeq: unknown) => {
    rows += 1;
    if (problem !== null) return;
    const at = `Row ${rows}`;
    if (typeof seq !== 'number') problem = `${at} has no readable seq.`;
    else if (firstSeq !== null && seq >= firstSeq) {
      problem = `${at} is seq ${seq} after seq ${firstSeq}: rows go newest first, each seq lower than the one before.`;
    } else if (seq > expect.through) {
      problem = `${at} is seq ${seq}, above the manifest's through (${expect.through}): the file holds entries the manifest does not cover.`;
    } else if (typeof completedSeq === 'number' && completedSeq > expect.through) {
      problem = `${at} has its completion at seq ${completedSeq}, above the manifest's through (${expect.through}).`;
    } else if (completedSeq === undefined) {
      problem = `${at} has no readable completion seq.`;
    } else {
      lastSeq ??= seq;
      firstSeq = seq;
    }
  };
  const lines = expect.format === 'csv' ? csvRows(expect.view, row) : ndjsonRows(expect.view, row);
  let readable = true;
  for await (const chunk of bytes) {
    hash.update(chunk);
    if (!readable) continue;
    try {
      lines.push(decoder.decode(chunk, { stream: true }));
    } catch {
      readable = false;
      problem ??= `The file is not UTF-8 text from about row ${rows + 1} on.`;
    }
  }
  if (readable) {
    const tail = lines.finish();
    if (tail !== null) problem ??= tail;
  }
  return { sha256: hash.digest('hex'), rows, firstSeq, lastSeq, problem };
}

interface RowReader {
  push(text: string): void;
  /** A problem with how the file ends, or null. */
  finish(): string | null;
}

type OnRow = (seq: unknown, completedSeq: unknown) => void;

const seqCell = (cell: string | undefined) => (cell !== undefined && SEQ.test(cell) ? Number(cell) : undefined);

function csvRows(view: AuditView, onRow: OnRow): RowReader {
  const header = view === 'events' ? EVENTS_VIEW.header : ATTEMPTS_VIEW.header;
  const completedAt = header.indexOf('completed_seq');
  const reader = createCsvRecordReader();
  let headerSeen = false;
  let headerProblem: string | null = null;
  return {
    push(text) {
      for (const record of reader.push(text)) {
        if (!headerSeen) {
          headerSeen = true;
          if (record.join(',') !== header.join(',')) headerProblem = `The CSV header is not that of the ${view} view.`;
          continue;
        }
        if (headerProblem !== null) continue;
        const completed = completedAt < 0 || record[completedAt] === '' ? null : seqCell(record[completedAt]);
        onRow(seqCell(record[0]), completed);
      }
    },
    finish() {
      if (headerProblem !== null) return headerProblem;
      if (!headerSeen) return 'The file has no CSV header: a CSV export starts with one, even when it holds no rows.';
      return reader.atRecordEnd() ? null : 'The file ends in the middle of a row: it was cut short or appended to.';
    },
  };
}

function ndjsonRows(view: AuditView, onRow: OnRow): RowReader {
  let partial = '';
  const line = (text: string) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      onRow(undefined, null);
      return;
    }
    const record = typeof value === 'object' && value !== null ? (value as { seq?: unknown; completed?: unknown }) : {};
    const completed = view === 'disconnects' ? record.completed : null;
    const completedSeq =
      completed === null ? null : typeof completed === 'object' && completed !== null ? (completed as { seq?: unknown }).seq : undefined;
    onRow(typeof record.seq === 'number' && Number.isSafeInteger(record.seq) ? record.seq : undefined, typeof completedSeq === 'number' || completedSeq === null ? completedSeq : undefined);
  };
  return {
    push(text) {
      const pieces = (partial + text).split('\n');
      partial = pieces.pop() ?? '';
      for (const piece of pieces) line(piece);
    },
    finish: () => (partial === '' ? null : 'The file ends in the middle of a line: it was cut short or appended to.'),
  };
}
