// Seeded audit logs shared by the benchmarks of one run (the query and the export benchmarks read
// the same million rows), made once per database kind and size and removed when the run ends.
import { performance } from 'node:perf_hooks';
import type { DatabaseKind } from '../benchmark';
import { DAY_MS, generateAuditRows } from './audit-seed-rows';
import { openBenchDatabase, type BenchDatabase, type OpenResult } from './bench-databases';

/** The newest seeded event is just before midnight UTC today, so "the last 7 days" are whole days. */
export function seedEndAt(): number {
  return Math.floor(Date.now() / DAY_MS) * DAY_MS - 1;
}

const seeded = new Map<string, Promise<OpenResult>>();

/** An audit log of `count` events in a database of `kind`, seeded on first use in this run. */
export function seededAuditDatabase(kind: DatabaseKind, count: number, log: (line: string) => void): Promise<OpenResult> {
  const key = `${kind}:${count}`;
  let pending = seeded.get(key);
  if (!pending) {
    pending = seed(kind, count, log);
    seeded.set(key, pending);
  }
  return pending;
}

async function seed(kind: DatabaseKind, count: number, log: (line: string) => void): Promise<OpenResult> {
  const opened = await openBenchDatabase(kind);
  if (!opened.ok) return opened;
  const started = performance.now();
  try {
    await writeAll(opened.data, count);
  } catch (error) {
    await opened.data.dispose();
    throw error;
  }
  log(`  seeded ${count.toLocaleString('en-US')} audit events on ${kind} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return opened;
}

async function writeAll(database: BenchDatabase, count: number): Promise<void> {
  for (const chunk of generateAuditRows(count, seedEndAt())) await database.writeAuditRows(chunk);
  await database.settle();
}

export async function disposeSeededAuditDatabases(): Promise<void> {
  const all = [...seeded.values()];
  seeded.clear();
  for (const pending of all) {
    const opened = await pending.catch(() => undefined);
    if (opened?.ok) await opened.data.dispose();
  }
}
