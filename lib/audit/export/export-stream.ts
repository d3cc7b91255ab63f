import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AuditFilter } from '../audit-filter';
import { toCsvLine } from './csv-cells';
import type { ExportView } from './export-views';

export type ExportFormat = 'csv' | 'ndjson';

export const EXPORT_BATCH_SIZE = 500;

export interface ExportEnd {
  readonly rows: number;
  /** False when the reader went away (or a batch failed) before the last row. */
  readonly complete: boolean;
  /** The lowest and highest seq written (rows go out newest first); null when no row was. */
  readonly firstSeq: number | null;
  readonly lastSeq: number | null;
}

/**
 * The rows of one filtered view as a byte stream, read in keyset batches only when the reader
 * asks for more: memory stays at one batch however long the log is. `onEnd` runs once, when the
 * last row is out, the reader cancels, or a batch fails.
 */
export function streamAuditRows<T extends { readonly seq: number }>(
  db: Kysely<Database>,
  view: ExportView<T>,
  filter: AuditFilter,
  format: ExportFormat,
  onEnd: (end: ExportEnd) => Promise<void>,
  batchSize = EXPORT_BATCH_SIZE,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: number | undefined;
  let rows = 0;
  let firstSeq: number | null = null;
  let lastSeq: number | null = null;
  let headerSent = false;
  let ended = false;
  const end = async (complete: boolean) => {
    if (ended) return;
    ended = true;
    await onEnd({ rows, complete, firstSeq, lastSeq });
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          let text = '';
          if (!headerSent && format === 'csv') text += toCsvLine(view.header);
          headerSent = true;
          const page = await view.fetch(db, filter, cursor, batchSize);
          for (const row of page.items) {
            lastSeq ??= row.seq;
            firstSeq = row.seq;
            text += format === 'csv' ? toCsvLine(view.toCells(row)) : `${JSON.stringify(view.toJson(row))}\n`;
          }
          rows += page.items.length;
          if (text) controller.enqueue(encoder.encode(text));
          if (page.nextCursor === null) {
            await end(true);
            controller.close();
          } else {
            cursor = page.nextCursor;
          }
        } catch (error) {
          await end(false).catch(() => undefined);
          controller.error(error);
        }
      },
      async cancel() {
        await end(false);
      },
    },
    // One batch at a time: the next is read only once the previous one has been taken.
    { highWaterMark: 0 },
  );
}
