// `npm run bench [-- <id> …] [--db sqlite,postgres] [--events N]`: the console and lib/um against
// baselines measured in the same run. Prints each section and writes tests/bench/RESULTS.md; the
// sections not run this time are kept from the run before (tests/bench/.last-run.json).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { apiDisconnectBenchmark } from './api-disconnect';
import { auditAppendBenchmark } from './audit-append';
import { auditExportBenchmark } from './audit-export';
import { auditQueryBenchmark } from './audit-query';
import type { Benchmark, BenchContext, BenchReport, DatabaseKind } from './benchmark';
import { boardPollingBenchmark } from './board-polling';
import { bulkDisconnectBenchmark } from './bulk-disconnect';
import { firstLoadJsBenchmark } from './first-load-js';
import { parseThroughputBenchmark, roundTripBenchmark } from './lib-um-benchmarks';
import { describeMachine } from './machine';
import { renderDetails, renderResultsFile, renderSummary } from './results-file';
import { disposeSeededAuditDatabases } from './support/seeded-audit';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const BENCH_DIR = path.join(REPO_ROOT, 'tests', 'bench');
const LAST_RUN = path.join(BENCH_DIR, '.last-run.json');

/** The whole suite, in the order it runs and RESULTS.md lists it. */
const SUITE: readonly Benchmark[] = [
  parseThroughputBenchmark,
  roundTripBenchmark,
  apiDisconnectBenchmark,
  bulkDisconnectBenchmark,
  boardPollingBenchmark,
  auditQueryBenchmark,
  auditExportBenchmark,
  auditAppendBenchmark,
  firstLoadJsBenchmark,
];

interface Options {
  readonly ids: readonly string[];
  readonly databaseKinds: readonly DatabaseKind[];
  readonly largeEventCount: number;
}

function readOptions(args: readonly string[]): Options {
  const ids: string[] = [];
  let databaseKinds: DatabaseKind[] = ['sqlite', 'postgres'];
  let largeEventCount = 1_000_000;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--db') {
      const kinds = (args[(index += 1)] ?? '').split(',').filter(Boolean);
      if (kinds.length === 0 || kinds.some((kind) => kind !== 'sqlite' && kind !== 'postgres')) {
        throw new Error('--db takes sqlite, postgres or both, comma-separated.');
      }
      databaseKinds = kinds as DatabaseKind[];
    } else if (arg === '--events') {
      largeEventCount = Number(args[(index += 1)]);
      if (!Number.isInteger(largeEventCount) || largeEventCount < 20_000) throw new Error('--events takes a whole number of at least 20000.');
    } else if (SUITE.some((benchmark) => benchmark.id === arg)) {
      ids.push(arg);
    } else {
      throw new Error(`Unknown benchmark "${arg}": choose from ${SUITE.map((benchmark) => benchmark.id).join(', ')}.`);
    }
  }
  return { ids: ids.length > 0 ? ids : SUITE.map((benchmark) => benchmark.id), databaseKinds, largeEventCount };
}

function readLastRun(): Map<string, BenchReport> {
  if (!existsSync(LAST_RUN)) return new Map();
  try {
    const saved = JSON.parse(readFileSync(LAST_RUN, 'utf8')) as { reports?: BenchReport[] };
    return new Map((saved.reports ?? []).map((report) => [report.id, report]));
  } catch {
    return new Map();
  }
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const started = performance.now();
  const machine = describeMachine();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverage.toFixed(2)}`);
  const context: BenchContext = { repoRoot: REPO_ROOT, log, databaseKinds: options.databaseKinds, largeEventCount: options.largeEventCount };
  const reports = readLastRun();
  const ran: string[] = [];
  const failed: string[] = [];
  try {
    for (const benchmark of SUITE.filter((candidate) => options.ids.includes(candidate.id))) {
      log(`\n(${benchmark.id}) ${benchmark.title}…`);
      const ranAt = new Date().toISOString();
      const begin = performance.now();
      let outcome: Awaited<ReturnType<Benchmark['run']>>;
      try {
        outcome = await benchmark.run(context);
      } catch (error) {
        // One broken benchmark must not cost the others' figures: report it and go on.
        failed.push(benchmark.id);
        log(`(${benchmark.id}) failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        continue;
      }
      const report: BenchReport = { id: benchmark.id, title: benchmark.title, ranAt, seconds: (performance.now() - begin) / 1000, ...outcome };
      reports.set(benchmark.id, report);
      ran.push(benchmark.id);
      log(`${renderDetails(report)}\n${report.targets.length > 0 ? `\n${renderSummary([report])}\n` : ''}`);
    }
  } finally {
    await disposeSeededAuditDatabases();
  }
  const ordered = SUITE.flatMap((benchmark) => reports.get(benchmark.id) ?? []);
  const results = { machine, ran, durationSeconds: (performance.now() - started) / 1000, reports: ordered };
  writeFileSync(path.join(BENCH_DIR, 'RESULTS.md'), renderResultsFile(results));
  writeFileSync(LAST_RUN, `${JSON.stringify({ machine, reports: ordered }, null, 2)}\n`);
  log(`\n${renderSummary(ordered)}\n\nWrote tests/bench/RESULTS.md (${results.durationSeconds.toFixed(1)} s).`);
  if (failed.length > 0) {
    log(`Failed, and kept from the run before (if any): ${failed.join(', ')}.`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
