// 3: the UM requests per second the console makes while 1 and then 20 signed-in people watch the
// call board: the board's GET route reads the database only, so the rate must not grow with them.
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { boardRefetchMs } from '../../components/calls/board-query';
import { createUmClient } from '../../lib/um';
import type { SimulatorRequestRecord } from '../../lib/um/simulator';
import { startSecurityTarget, UM_TEST_PASSWORD, UM_TEST_USERNAME, type SecurityTarget } from '../security/support/security-console';
import type { Benchmark, BenchOutcome } from './benchmark';
import { createApiClient, placeCalls, trackCallsThroughApi } from './support/simulated-calls';
import { formatMs, formatNumber, summarizeLatencies } from './stats';

const TRACKED_CALLS = 40;
const POLL_INTERVAL_MS = 1_000;
const WINDOW_MS = 12_000;
const MANY = 20;
const TARGET_RATIO = 1.1;
/** Requests further apart than this belong to different poll rounds. */
const ROUND_GAP_MS = 300;

interface Window {
  readonly umPerSecond: number;
  readonly boardLatencies: number[];
}

/**
 * UM requests per second from the start of the first poll round in the window to the start of the
 * last one: counting whole rounds, so where the window's edges fall cannot add or drop a round.
 */
function umRate(records: readonly SimulatorRequestRecord[], from: number, to: number): number {
  const starts: number[] = [];
  const sizes: number[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const record of records) {
    if (record.at < from || record.at >= to) continue;
    if (record.at - last > ROUND_GAP_MS) {
      starts.push(record.at);
      sizes.push(0);
    }
    sizes[sizes.length - 1] = (sizes.at(-1) ?? 0) + 1;
    last = record.at;
  }
  if (starts.length < 3) throw new Error(`only ${starts.length} poll rounds in a ${to - from} ms window`);
  const requests = sizes.slice(0, -1).reduce((sum, size) => sum + size, 0);
  return requests / (((starts.at(-1) ?? 0) - (starts[0] ?? 0)) / 1000);
}

/** `cookies.length` browsers polling the board as the page does, each at its own phase, for `ms`. */
async function pollBoard(target: SecurityTarget, cookies: readonly string[], ms: number): Promise<Window> {
  const interval = boardRefetchMs(POLL_INTERVAL_MS);
  const from = Date.now();
  const until = performance.now() + ms;
  const latencies: number[] = [];
  await Promise.all(
    cookies.map(async (cookie, index) => {
      await delay((interval * index) / cookies.length);
      while (performance.now() < until) {
        const begin = performance.now();
        const response = await fetch(`${target.url}/api/board?view=all`, { headers: { cookie, accept: 'application/json' } });
        const board = (await response.json()) as { calls?: unknown[] };
        if (response.status !== 200 || board.calls?.length !== TRACKED_CALLS) throw new Error(`the board answered HTTP ${response.status}`);
        latencies.push(performance.now() - begin);
        await delay(Math.max(0, interval - (performance.now() - begin)));
      }
    }),
  );
  const records = target.simulator.requests.filter((record) => record.operation === 'GetCallInfo');
  return { umPerSecond: umRate(records, from, Date.now()), boardLatencies: latencies };
}

export const boardPollingBenchmark: Benchmark = {
  id: '3',
  title: 'UM requests per second while 1 vs 20 people watch the call board',
  async run({ log }): Promise<BenchOutcome> {
    log('  building if stale, starting next start and a simulator…');
    const target = await startSecurityTarget({
      env: { POLL_INTERVAL_MS: String(POLL_INTERVAL_MS) },
      simulator: { recordBodies: false, ringMs: 200 },
    });
    const client = createUmClient({ url: target.simulator.url, username: UM_TEST_USERNAME, password: UM_TEST_PASSWORD });
    const api = createApiClient(target.url, await target.apiToken('operator', 'bench'));
    try {
      log(`  tracking ${TRACKED_CALLS} calls, signing in ${MANY} viewers…`);
      await trackCallsThroughApi(api, await placeCalls(client, TRACKED_CALLS));
      const cookies: string[] = [];
      for (let index = 0; index < MANY; index += 1) cookies.push(await target.sessionCookie('viewer'));
      await pollBoard(target, cookies.slice(0, 1), 4_000);
      const one: Window[] = [];
      const many: Window[] = [];
      for (const round of [0, 1]) {
        log(`  round ${round + 1} of 2: 1 viewer, then ${MANY}…`);
        one.push(await pollBoard(target, cookies.slice(0, 1), WINDOW_MS));
        many.push(await pollBoard(target, cookies, WINDOW_MS));
      }
      const rate = (windows: readonly Window[]) => windows.reduce((sum, window) => sum + window.umPerSecond, 0) / windows.length;
      const [oneRate, manyRate] = [rate(one), rate(many)];
      const ratio = manyRate / oneRate;
      const oneLatency = summarizeLatencies(one.flatMap((window) => window.boardLatencies));
      const manyLatency = summarizeLatencies(many.flatMap((window) => window.boardLatencies));
      return {
        rows: [
          { label: 'UM requests/s at the simulator', console: `${formatNumber(manyRate, 1)} (${MANY} viewers)`, baseline: `${formatNumber(oneRate, 1)} (1 viewer)`, comparison: `${ratio.toFixed(3)}×` },
          {
            label: 'board GET p50 / p95 (context)',
            console: `${formatMs(manyLatency.p50)} / ${formatMs(manyLatency.p95)}`,
            baseline: `${formatMs(oneLatency.p50)} / ${formatMs(oneLatency.p95)}`,
            comparison: `${formatNumber(manyLatency.count)} vs ${formatNumber(oneLatency.count)} requests`,
          },
        ],
        targets: [
          {
            what: `UM requests/s with ${MANY} viewers polling the board vs 1`,
            target: `ratio ≤ ${TARGET_RATIO}`,
            figure: `${ratio.toFixed(3)} (${formatNumber(manyRate, 1)} vs ${formatNumber(oneRate, 1)} req/s)`,
            met: ratio <= TARGET_RATIO,
          },
        ],
        notes: [
          `\`next start\` of the production build with POLL_INTERVAL_MS=${POLL_INTERVAL_MS} and ${TRACKED_CALLS} tracked live calls on an in-process simulator that counts every request. Each viewer is a signed-in session (the viewer role, signed in through next-auth's credentials endpoint) polling \`GET /api/board?view=all\` every ${boardRefetchMs(POLL_INTERVAL_MS)} ms, as the board page does (boardRefetchMs), each at its own phase.`,
          `Two rounds of ${WINDOW_MS / 1000} s with 1 viewer then ${MANY}; the rate is GetCallInfo requests from the start of a window's first poll round to the start of its last (whole rounds only), averaged over the rounds.`,
        ],
      };
    } finally {
      await Promise.all([api.close(), client.close()]);
      await target.stop();
    }
  },
};
