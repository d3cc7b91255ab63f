// (a) and (b): lib/um's own cost, against a string template and bare undici requests.
import type { Benchmark, BenchOutcome } from './benchmark';
import { measureParseThroughput } from './parse-throughput';
import { measureRoundTrips, type RoundTripResult } from './round-trip';
import { startSimulatorProcess } from './simulator-process';
import { formatMs, formatNumber, formatPercent } from './stats';

/** Library overhead at p50 must stay under this in the sequential round-trip benchmark. */
export const P50_OVERHEAD_TARGET = 1.1;
const SERVICE_TIME_MS = 2;

export const parseThroughputBenchmark: Benchmark = {
  id: 'a',
  title: 'lib/um: build GetCallInfo + parse the documented response',
  async run({ repoRoot }): Promise<BenchOutcome> {
    const parse = measureParseThroughput(repoRoot);
    return {
      rows: [
        {
          label: `ops/s, median of ${parse.rounds} rounds × ${parse.opsPerRound}`,
          console: formatNumber(parse.libraryOpsPerSecond),
          baseline: formatNumber(parse.baselineOpsPerSecond),
          comparison: `${parse.ratio.toFixed(2)}× the baseline's throughput`,
        },
      ],
      targets: [],
      notes: [
        "lib/um: `renderRequestEnvelope('GetCallInfo', …)` (the envelope xmlbuilder2 serialised once, the escaped CallId inserted) plus `readSoapBody` → `expectResponse` → `readGetCallInfo` on the documented response: lib/um's own single-pass parser (well-formedness, DTD refusal, strict references, namespace resolution) and the shape checks.",
        "Baseline: a string template and a bare fast-xml-parser `XMLParser().parse()` of the same response (one parser instance), which checks nothing and builds a generic object tree; above 1× lib/um does all of its checks in less time than that. Warmed up, then interleaved rounds; the median round is reported.",
      ],
    };
  },
};

export const roundTripBenchmark: Benchmark = {
  id: 'b',
  title: 'lib/um: GetCallInfo round trips to a simulator in a child process',
  async run({ repoRoot, log }): Promise<BenchOutcome> {
    const simulator = await startSimulatorProcess(repoRoot);
    let sequential: RoundTripResult;
    let concurrent: RoundTripResult;
    try {
      sequential = await measureRoundTrips(simulator.url, { inFlight: 1, rounds: 10, requestsPerBlock: 200 });
      concurrent = await measureRoundTrips(simulator.url, { inFlight: 16, rounds: 6, requestsPerBlock: 400 });
    } finally {
      await simulator.stop();
    }
    // A real UM server takes milliseconds to answer; this shows the same overhead in that light.
    log(`(b) again, with the simulator taking ${SERVICE_TIME_MS} ms per answer…`);
    const slowSimulator = await startSimulatorProcess(repoRoot, ['--latency-ms', String(SERVICE_TIME_MS)]);
    let slow: RoundTripResult;
    try {
      slow = await measureRoundTrips(slowSimulator.url, { inFlight: 1, rounds: 6, requestsPerBlock: 100 });
    } finally {
      await slowSimulator.stop();
    }
    const met = sequential.p50Ratio < P50_OVERHEAD_TARGET;
    return {
      rows: [
        {
          label: `sequential p50 (${sequential.rounds} rounds × ${sequential.requestsPerBlock} per side)`,
          console: formatMs(sequential.library.p50Ms, 3),
          baseline: formatMs(sequential.baseline.p50Ms, 3),
          comparison: `${formatPercent(sequential.p50Ratio)} at p50`,
        },
        {
          label: 'sequential p95',
          console: formatMs(sequential.library.p95Ms, 3),
          baseline: formatMs(sequential.baseline.p95Ms, 3),
          comparison: formatPercent(sequential.library.p95Ms / sequential.baseline.p95Ms),
        },
        {
          label: `${concurrent.inFlight} in flight, p50 (${concurrent.rounds} rounds × ${concurrent.requestsPerBlock} per side)`,
          console: formatMs(concurrent.library.p50Ms, 3),
          baseline: formatMs(concurrent.baseline.p50Ms, 3),
          comparison: formatPercent(concurrent.p50Ratio),
        },
        {
          label: `${concurrent.inFlight} in flight, p95`,
          console: formatMs(concurrent.library.p95Ms, 3),
          baseline: formatMs(concurrent.baseline.p95Ms, 3),
          comparison: formatPercent(concurrent.library.p95Ms / concurrent.baseline.p95Ms),
        },
        {
          label: `${concurrent.inFlight} in flight, requests/s`,
          console: formatNumber(concurrent.library.requestsPerSecond),
          baseline: formatNumber(concurrent.baseline.requestsPerSecond),
          comparison: `${(concurrent.library.requestsPerSecond / concurrent.baseline.requestsPerSecond).toFixed(2)}× the baseline's throughput`,
        },
        {
          label: `sequential p50, simulator answering in ${SERVICE_TIME_MS} ms (context)`,
          console: formatMs(slow.library.p50Ms, 3),
          baseline: formatMs(slow.baseline.p50Ms, 3),
          comparison: `${formatPercent(slow.p50Ratio)} at p50`,
        },
      ],
      targets: [
        {
          what: 'lib/um sequential GetCallInfo round trip, instant simulator',
          target: `p50 < ${formatPercent(P50_OVERHEAD_TARGET)} over bare undici`,
          figure: `${formatPercent(sequential.p50Ratio)} (${formatMs(sequential.library.p50Ms, 3)} vs ${formatMs(sequential.baseline.p50Ms, 3)})`,
          met,
        },
      ],
      notes: [
        '`client.getCallInfo()` against the stand-alone simulator in a child process, versus bare undici `Pool.request` POSTs of the same request bytes and headers over a Pool with the same options (connections, pipelining, keep-alive, headers/body/connect timeouts), each body read whole as text. Interleaved blocks alternate which side goes first; p50/p95 are over every request of all blocks. Loopback only.',
        'What the baseline leaves out and lib/um does on every call: the CallId check and the envelope, a deadline over the whole exchange (slot, connect, send, body), the slot in the concurrency bound, the response size cap, fatal UTF-8 decoding, the content-type checks, the strict XML parse and the shape checks. lib/um sends with `Pool.dispatch` and its own handler (lib/um/exchange.ts), which skips the body stream `Pool.request` builds for the baseline.',
        'The target row uses an instant simulator, which isolates what the library adds: a fraction of a millisecond, which is large in percent of a loopback round trip of a quarter of a millisecond. The last row repeats it against a simulator that takes 2 ms per answer, closer to a real UM server.',
      ],
    };
  },
};
