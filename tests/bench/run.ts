// `npm run bench`: lib/um's cost against same-run baselines; prints a table and writes RESULTS.md.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { describeMachine } from './machine';
import { measureParseThroughput } from './parse-throughput';
import { renderResultsFile, renderTable, type BenchResults } from './results-table';
import { measureRoundTrips, type RoundTripResult } from './round-trip';
import { startSimulatorProcess } from './simulator-process';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const BENCH_DIR = path.join(REPO_ROOT, 'tests', 'bench');
const SERVICE_TIME_MS = 2;

async function main(): Promise<void> {
  const started = performance.now();
  const machine = describeMachine();
  process.stdout.write(`Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverage.toFixed(2)}\n`);

  process.stdout.write('(a) request build + response parse throughput…\n');
  const parse = measureParseThroughput(REPO_ROOT);

  process.stdout.write('(b) GetCallInfo round trips to a simulator in a child process…\n');
  const simulator = await startSimulatorProcess(REPO_ROOT);
  let sequential: RoundTripResult;
  let concurrent: RoundTripResult;
  try {
    sequential = await measureRoundTrips(simulator.url, { inFlight: 1, rounds: 10, requestsPerBlock: 200 });
    concurrent = await measureRoundTrips(simulator.url, { inFlight: 16, rounds: 6, requestsPerBlock: 400 });
  } finally {
    await simulator.stop();
  }

  // A real UM server takes milliseconds to answer; this shows the same overhead in that light.
  process.stdout.write(`(b) again, with the simulator taking ${SERVICE_TIME_MS} ms per answer…\n`);
  const slowSimulator = await startSimulatorProcess(REPO_ROOT, ['--latency-ms', String(SERVICE_TIME_MS)]);
  let withServiceTime: RoundTripResult;
  try {
    withServiceTime = await measureRoundTrips(slowSimulator.url, { inFlight: 1, rounds: 6, requestsPerBlock: 100 });
  } finally {
    await slowSimulator.stop();
  }
  const results: BenchResults = {
    machine,
    parse,
    sequential,
    concurrent,
    withServiceTime: { serviceTimeMs: SERVICE_TIME_MS, result: withServiceTime },
    durationSeconds: (performance.now() - started) / 1000,
  };

  process.stdout.write(`\n${renderTable(results)}\n`);
  writeFileSync(path.join(BENCH_DIR, 'RESULTS.md'), renderResultsFile(results));
  writeFileSync(path.join(BENCH_DIR, '.last-run.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nWrote tests/bench/RESULTS.md (${results.durationSeconds.toFixed(1)} s).\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
