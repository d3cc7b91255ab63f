// One of benchmark 5's passes, in a fresh process of its own (see audit-export.ts): `read` reads the
// rows of a seeded log without formatting them, `export` exports them as CSV; prints the pass as JSON.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Kysely } from 'kysely';
import type { Actor } from '../../lib/auth/actor';
import { EXPORT_BATCH_SIZE } from '../../lib/audit/export/export-stream';
import { EVENTS_VIEW } from '../../lib/audit/export/export-views';
import { startAuditExport } from '../../lib/audit/export/start-audit-export';
import { openDatabase } from '../../lib/db/open-database';
import type { Database } from '../../lib/db/schema';

export interface ExportPass {
  readonly rows: number;
  readonly seconds: number;
  readonly bytes: number;
  /** Highest RSS seen during the pass minus RSS just before it, in MiB. */
  readonly rssGrowthMiB: number;
  /** The same for the warm-up read of the newest 50,000 rows that came first, in the fresh process. */
  readonly coldGrowthMiB?: number;
}

const AUDITOR: Actor = {
  kind: 'user',
  id: '00000000-0000-4000-8000-000000000031',
  email: 'auditor1@contoso.test',
  displayName: 'Auditor 1',
  role: 'auditor',
  authMethod: 'session',
  sourceIp: '10.20.0.5',
  userAgent: 'bench',
};

/** A full collection before each pass, so garbage left by the last one is not counted against it. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function memoryWatch(): { sample(): void; growthMiB(): number } {
  collectGarbage();
  const start = process.memoryUsage.rss();
  let peak = start;
  return {
    sample: () => {
      peak = Math.max(peak, process.memoryUsage.rss());
    },
    growthMiB: () => (peak - start) / 1024 / 1024,
  };
}

/** What the download route does with the stream: read it to the end (here nothing is sent on). */
async function exportCsv(db: Kysely<Database>, through: number): Promise<ExportPass> {
  const memory = memoryWatch();
  const begin = performance.now();
  const started = await startAuditExport(db, AUDITOR, { tab: 'events', format: 'csv', through: String(through) });
  if (!started.ok) throw new Error(started.error.message);
  const reader = started.data.stream.getReader();
  let bytes = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    bytes += chunk.value.byteLength;
    memory.sample();
  }
  const seconds = (performance.now() - begin) / 1000;
  // The export records itself when its stream ends, with the rows it wrote: the count to trust.
  const recorded = await db.selectFrom('audit_events').select('details').where('action', '=', 'audit.export').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const details = JSON.parse(recorded?.details ?? '{}') as { rows?: number; complete?: boolean };
  if (details.complete !== true || typeof details.rows !== 'number') throw new Error('the export did not record a complete run');
  return { rows: details.rows, seconds, bytes, rssGrowthMiB: memory.growthMiB() };
}

/** The same keyset batches through the same query, without turning a row into text. */
async function readRows(db: Kysely<Database>, through: number, maxBatches = Number.POSITIVE_INFINITY): Promise<ExportPass> {
  const memory = memoryWatch();
  const begin = performance.now();
  let rows = 0;
  let cursor: number | undefined;
  for (let batch = 1; batch <= maxBatches; batch += 1) {
    const page = await EVENTS_VIEW.fetch(db, { throughSeq: through }, cursor, EXPORT_BATCH_SIZE);
    rows += page.items.length;
    memory.sample();
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  return { rows, seconds: (performance.now() - begin) / 1000, bytes: 0, rssGrowthMiB: memory.growthMiB() };
}

/**
 * A running server has served requests before an export: its heap has grown to its working size.
 * A fresh process has not, and its first busy second grows the heap whatever the work (in a cold
 * process the first pass grew ~110 MiB whether it exported or only read the rows). Reading the
 * newest 50,000 rows first, untimed, brings both passes to the same warm start.
 */
async function warmUp(db: Kysely<Database>, through: number): Promise<number> {
  return (await readRows(db, through, 100)).rssGrowthMiB;
}

async function main(): Promise<void> {
  const [pass = '', url = '', throughText = ''] = process.argv.slice(2);
  if (pass !== 'read' && pass !== 'export') throw new Error('usage: export-child.ts read|export <database URL> <through>');
  const database = await openDatabase(url);
  try {
    const coldGrowthMiB = await warmUp(database.db, Number(throughText));
    const measured = await (pass === 'read' ? readRows : exportCsv)(database.db, Number(throughText));
    process.stdout.write(`${JSON.stringify({ ...measured, coldGrowthMiB })}\n`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
