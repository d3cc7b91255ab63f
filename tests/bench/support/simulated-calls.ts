// Calls placed on a simulator for the benchmarks to watch and end, and the console's REST API as a
// script calls it: keep-alive HTTP from this process, a bearer token, JSON in and out.
import { Pool } from 'undici';
import { runBounded } from '../../../lib/calls/run-bounded';
import type { UmClient } from '../../../lib/um';

/** A voice-mail item id of the documented shape; the simulator plays anything well-formed. */
const ENTRY_ID = 'AAAAAGsd2rbQLVtLobUGbrq/9IUHAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAACxVpEl+KVVLl957wp//x6UAGAetcDUAAA==';

/** An ordinary callee: rings, then stays Connected until disconnected (see the simulator's dial-string scenarios). */
const ORDINARY_DIAL_STRING = '+1 425 555 0100';

/** `count` ordinary calls; returns their CallIds. */
export function placeCalls(client: UmClient, count: number): Promise<string[]> {
  return runBounded(Array.from({ length: count }, () => ORDINARY_DIAL_STRING), 16, (dialString) => client.playOnPhone(ENTRY_ID, dialString));
}

export interface ApiClient {
  /** POST with a JSON body; returns the status and the parsed answer. */
  post(path: string, body: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export function createApiClient(origin: string, token: string): ApiClient {
  const pool = new Pool(origin, { connections: 4, pipelining: 1, keepAliveTimeout: 10_000 });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' };
  return {
    post: async (path, body) => {
      const response = await pool.request({ path, method: 'POST', headers, body: JSON.stringify(body) });
      return { status: response.statusCode, body: await response.body.json() };
    },
    close: () => pool.close(),
  };
}

/** Tracks each call through POST /api/v1/calls, as a script would. */
export async function trackCallsThroughApi(api: ApiClient, callIds: readonly string[]): Promise<void> {
  await runBounded(callIds, 4, async (callId) => {
    const answer = await api.post('/api/v1/calls', { callId, label: 'Benchmark call' });
    if (answer.status !== 201 && answer.status !== 200) throw new Error(`tracking a call answered HTTP ${answer.status}: ${JSON.stringify(answer.body)}`);
  });
}
