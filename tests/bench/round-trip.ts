// (b) GetCallInfo round trips to a simulator in another process: lib/um's client versus bare
// undici POSTs of the same bytes over an equivalent keep-alive Pool. What the library adds per call.
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { createUmClient, type UmClient } from '../../lib/um';
import { buildRequestEnvelope } from '../../lib/um/envelope';
import { soapActionFor } from '../../lib/um/namespaces';
import { percentile } from './stats';

export interface LatencySummary {
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly requestsPerSecond: number;
}

export interface RoundTripResult {
  readonly library: LatencySummary;
  readonly baseline: LatencySummary;
  /** Library p50 ÷ baseline p50: 1.05 means the library adds 5 % at the median. */
  readonly p50Ratio: number;
  readonly inFlight: number;
  readonly rounds: number;
  readonly requestsPerBlock: number;
}

type Send = () => Promise<void>;

const TIMEOUT_MS = 10_000;

/**
 * The same request, headers and Pool settings as lib/um's transport (timeouts included, so both
 * pools run the same timers), reading the whole body as text, with nothing else: no deadline over
 * the whole exchange, no size cap, no parsing, which any correct client needs and lib/um does.
 */
function bareSender(url: URL, body: string, connections: number, timeoutMs: number): { send: Send; close: () => Promise<void> } {
  const pool = new Pool(url.origin, {
    connections,
    pipelining: 1,
    keepAliveTimeout: 10_000,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: { timeout: Math.min(timeoutMs, 5_000) },
  });
  const headers = {
    'content-type': 'text/xml; charset=utf-8',
    soapaction: soapActionFor('GetCallInfo'),
    accept: 'text/xml',
  };
  const path = `${url.pathname}${url.search}`;
  return {
    send: async () => {
      const response = await pool.request({ path, method: 'POST', headers, body });
      const text = await response.body.text();
      if (response.statusCode !== 200 || !text.includes('CallState')) throw new Error(`bare request failed: ${response.statusCode}`);
    },
    close: () => pool.close(),
  };
}

function librarySender(client: UmClient, callId: string): Send {
  return async () => {
    const info = await client.getCallInfo(callId);
    if (info.state === 'Unknown') throw new Error('unexpected state');
  };
}

/** Runs `count` requests with `inFlight` workers; returns each request's latency and the block's wall time. */
async function runBlock(send: Send, count: number, inFlight: number): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      next += 1;
      const begin = performance.now();
      await send();
      latencies.push(performance.now() - begin);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

export async function measureRoundTrips(
  serviceUrl: string,
  options: { inFlight: number; rounds: number; requestsPerBlock: number },
): Promise<RoundTripResult> {
  const { inFlight, rounds, requestsPerBlock } = options;
  const client = createUmClient({ url: serviceUrl, maxConcurrency: inFlight, timeoutMs: TIMEOUT_MS });
  const callId = await client.playOnPhone('QUJD', '+1 425 555 0100');
  const bare = bareSender(new URL(serviceUrl), buildRequestEnvelope('GetCallInfo', [['CallId', callId]]), inFlight, TIMEOUT_MS);
  const library = librarySender(client, callId);
  try {
    await runBlock(library, 300, inFlight);
    await runBlock(bare.send, 300, inFlight);
    const samples = { library: [] as number[], baseline: [] as number[] };
    const seconds = { library: 0, baseline: 0 };
    for (let round = 0; round < rounds; round += 1) {
      // Interleaved blocks, alternating which goes first, so drift in machine load hits both sides.
      const order = round % 2 === 0 ? (['library', 'baseline'] as const) : (['baseline', 'library'] as const);
      for (const side of order) {
        const block = await runBlock(side === 'library' ? library : bare.send, requestsPerBlock, inFlight);
        samples[side].push(...block.latencies);
        seconds[side] += block.seconds;
      }
    }
    const summarise = (side: 'library' | 'baseline'): LatencySummary => ({
      p50Ms: percentile(samples[side], 0.5),
      p95Ms: percentile(samples[side], 0.95),
      requestsPerSecond: samples[side].length / seconds[side],
    });
    const libraryResult = summarise('library');
    const baselineResult = summarise('baseline');
    return {
      library: libraryResult,
      baseline: baselineResult,
      p50Ratio: libraryResult.p50Ms / baselineResult.p50Ms,
      inFlight,
      rounds,
      requestsPerBlock,
    };
  } finally {
    await Promise.all([client.close(), bare.close()]);
  }
}
