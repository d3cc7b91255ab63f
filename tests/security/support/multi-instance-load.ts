// The load of tests/security/multi-instance.test.ts: calls placed on the simulator and tracked
// through either console instance, then API disconnects spread over the instances still alive.
import assert from 'node:assert/strict';
import type { startUmSimulator } from '../../../lib/um/simulator';
import { createUmClient } from '../../../lib/um';
import type { RunningConsole } from '../../e2e/support/start-console';
import { SAMPLE_ENTRY_ID } from './action-samples';
import { UM_TEST_PASSWORD, UM_TEST_USERNAME } from './security-console';

export interface Instance {
  readonly name: string;
  running: RunningConsole;
  /** A Cookie header of an administrator's session (valid on every instance: one AUTH_SECRET). */
  cookie: string;
  alive: boolean;
}

export interface DisconnectJob {
  readonly callId: string;
  /** Sent to every live instance at the same moment. */
  readonly both: boolean;
  /** The index of the instance to send it to while that one is alive. */
  readonly prefer: number;
}

export interface DisconnectAnswer {
  readonly callId: string;
  readonly instance: string;
  /** The HTTP status; 0 when no answer came (the instance died). */
  readonly status: number;
}

export async function waitFor<T>(what: string, read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) assert.fail(`${what}: not reached within ${timeoutMs} ms (last: ${JSON.stringify(value)?.slice(0, 300)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs `work` over `items` with at most `limit` at a time, in order of start. */
async function eachBounded<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Places `count` calls on the simulator and tracks them, alternately through each instance; returns their CallIds. */
export async function placeCalls(
  simulator: Awaited<ReturnType<typeof startUmSimulator>>,
  instances: readonly Instance[],
  operatorToken: string,
  count: number,
): Promise<string[]> {
  const client = createUmClient({ url: simulator.url, username: UM_TEST_USERNAME, password: UM_TEST_PASSWORD, timeoutMs: 10_000 });
  const callIds: string[] = new Array<string>(count);
  try {
    await eachBounded(Array.from({ length: count }, (_, index) => index), 8, async (index) => {
      const callId = await client.playOnPhone(SAMPLE_ENTRY_ID, `+1 425 555 ${String(1000 + index)}`);
      const instance = instances[index % instances.length] as Instance;
      const response = await fetch(`${instance.running.url}/api/v1/calls`, {
        method: 'POST',
        headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ callId, label: `Load ${index + 1}` }),
      });
      assert.equal(response.status, 201, `tracking through ${instance.name}: ${await response.text()}`);
      callIds[index] = callId;
    });
  } finally {
    await client.close();
  }
  return callIds;
}

async function sendDisconnect(instance: Instance, callId: string, token: string): Promise<DisconnectAnswer> {
  try {
    const response = await fetch(`${instance.running.url}/api/v1/calls/${encodeURIComponent(callId)}/disconnect`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'load across two instances' }),
      signal: AbortSignal.timeout(60_000),
    });
    await response.arrayBuffer();
    return { callId, instance: instance.name, status: response.status };
  } catch {
    return { callId, instance: instance.name, status: 0 };
  }
}

/**
 * Sends every job's disconnect through the API, `concurrency` at a time, to the preferred instance
 * while it is alive and to a live one otherwise. `midway(done)` runs after each finished job.
 */
export async function runDisconnects(
  instances: readonly Instance[],
  jobs: readonly DisconnectJob[],
  token: string,
  options: { readonly concurrency: number; readonly midway: (done: number) => Promise<void> },
): Promise<DisconnectAnswer[]> {
  const answers: DisconnectAnswer[] = [];
  let done = 0;
  await eachBounded(jobs, options.concurrency, async (job) => {
    const alive = instances.filter((instance) => instance.alive);
    const preferred = instances[job.prefer] as Instance;
    const targets = job.both ? alive : [preferred.alive ? preferred : (alive[0] as Instance)];
    answers.push(...(await Promise.all(targets.map((instance) => sendDisconnect(instance, job.callId, token)))));
    done += 1;
    await options.midway(done);
  });
  return answers;
}
