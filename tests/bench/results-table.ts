import type { MachineInfo } from './machine';
import type { ThroughputResult } from './parse-throughput';
import type { RoundTripResult } from './round-trip';
import { formatNumber, formatPercent } from './stats';

export interface BenchResults {
  readonly machine: MachineInfo;
  readonly parse: ThroughputResult;
  readonly sequential: RoundTripResult;
  readonly concurrent: RoundTripResult;
  /** The sequential case again against a simulator that takes a fixed time to answer. */
  readonly withServiceTime: { readonly serviceTimeMs: number; readonly result: RoundTripResult };
  readonly durationSeconds: number;
}

/** Library overhead at p50 must stay under this in the sequential round-trip benchmark. */
export const P50_OVERHEAD_TARGET = 1.1;

const ms = (value: number) => `${formatNumber(value, 3)} ms`;

export function renderTable(results: BenchResults): string {
  const { parse, sequential, concurrent } = results;
  const slow = results.withServiceTime.result;
  const rows = [
    ['Benchmark', 'lib/um', 'Baseline', 'Ratio (lib/um vs baseline)'],
    [
      `(a) build GetCallInfo + parse documented response, ops/s (median of ${parse.rounds} rounds × ${parse.opsPerRound})`,
      formatNumber(parse.libraryOpsPerSecond),
      formatNumber(parse.baselineOpsPerSecond),
      `${parse.ratio.toFixed(2)}× the baseline's throughput`,
    ],
    [
      `(b) sequential GetCallInfo round trip p50 (${sequential.rounds} rounds × ${sequential.requestsPerBlock} per side)`,
      ms(sequential.library.p50Ms),
      ms(sequential.baseline.p50Ms),
      `${formatPercent(sequential.p50Ratio)} at p50 (target < ${formatPercent(P50_OVERHEAD_TARGET)}): ${sequential.p50Ratio < P50_OVERHEAD_TARGET ? 'met' : 'NOT met'}`,
    ],
    ['(b) sequential p95', ms(sequential.library.p95Ms), ms(sequential.baseline.p95Ms), formatPercent(sequential.library.p95Ms / sequential.baseline.p95Ms)],
    [
      `(b) ${concurrent.inFlight} in flight, p50 (${concurrent.rounds} rounds × ${concurrent.requestsPerBlock} per side)`,
      ms(concurrent.library.p50Ms),
      ms(concurrent.baseline.p50Ms),
      formatPercent(concurrent.p50Ratio),
    ],
    [`(b) ${concurrent.inFlight} in flight, p95`, ms(concurrent.library.p95Ms), ms(concurrent.baseline.p95Ms), formatPercent(concurrent.library.p95Ms / concurrent.baseline.p95Ms)],
    [
      `(b) ${concurrent.inFlight} in flight, requests/s`,
      formatNumber(concurrent.library.requestsPerSecond),
      formatNumber(concurrent.baseline.requestsPerSecond),
      `${(concurrent.library.requestsPerSecond / concurrent.baseline.requestsPerSecond).toFixed(2)}× the baseline's throughput`,
    ],
    [
      `(b) sequential p50, service answering in ${results.withServiceTime.serviceTimeMs} ms (${slow.rounds} rounds × ${slow.requestsPerBlock} per side)`,
      ms(slow.library.p50Ms),
      ms(slow.baseline.p50Ms),
      `${formatPercent(slow.p50Ratio)} at p50 (context only, not the target)`,
    ],
  ];
  const [header, ...body] = rows;
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header ?? []), line((header ?? []).map(() => '---')), ...body.map(line)].join('\n');
}

export function renderResultsFile(results: BenchResults): string {
  const { machine } = results;
  return `# lib/um benchmarks

Written by \`npm run bench\` (tests/bench/run.ts); every figure is compared with a baseline measured
in the same run, because this machine is shared and noisy. Absolute numbers move from run to run;
the ratios are what to watch.

- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.platform}
- Node ${machine.node}; run at ${machine.date}; 1-minute load average at start ${machine.loadAverage.toFixed(2)}
- Whole run: ${results.durationSeconds.toFixed(1)} s

${renderTable(results)}

What is compared:

- **(a)** lib/um: \`renderRequestEnvelope('GetCallInfo', …)\` (the client's path: the envelope xmlbuilder2 serialised once, the escaped CallId inserted) plus
  \`readSoapBody\` → \`expectResponse\` → \`readGetCallInfo\` on the documented GetCallInfo response
  (validation, DTD refusal, namespace resolution, shape checks). Baseline: a string template and a
  bare \`XMLParser().parse()\` of the same response (one parser instance, like lib/um's). Warmed
  up, then interleaved rounds; the median round is reported.
- **(b)** \`client.getCallInfo()\` against the stand-alone simulator in a child process, versus bare
  undici \`Pool.request\` POSTs of the same request bytes and headers over a Pool with the same
  connection count, pipelining and keep-alive. Interleaved blocks alternate which side goes first;
  p50/p95 are over every request of all blocks. Loopback only. The target row is the one with an
  instant simulator: it isolates what the library adds. The last row repeats it against a
  simulator that takes a fixed time per answer, closer to a real UM server, for context.
`;
}
