import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createUmClient } from '../../lib/um';
import { startUmSimulator } from '../../lib/um/simulator';

const ENTRY_ID = 'AAAAAGsd2rbQLVtLobUGbrq/9IUHAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAACxVpEl+KVVLl957wp//x6UAGAetcDUAAA==';

/** Sends 200 GetCallInfo requests at once through a client bounded to `maxConcurrency`. */
async function burst(maxConcurrency: number) {
  const simulator = await startUmSimulator({ ringMs: 0 });
  const client = createUmClient({ url: simulator.url, maxConcurrency, timeoutMs: 30_000 });
  try {
    const callId = await client.playOnPhone(ENTRY_ID, '12345');
    simulator.setLatency(20);
    const results = await Promise.allSettled(Array.from({ length: 200 }, () => client.getCallInfo(callId)));
    return {
      fulfilled: results.filter((result) => result.status === 'fulfilled').length,
      peak: simulator.peakConcurrency,
      served: simulator.requestCount('GetCallInfo'),
    };
  } finally {
    await client.close();
    await simulator.close();
  }
}

describe('the per-endpoint concurrency bound', () => {
  it('200 parallel GetCallInfo calls with maxConcurrency 8 all succeed and never run more than 8 at once', async () => {
    const { fulfilled, peak, served } = await burst(8);
    assert.equal(fulfilled, 200);
    assert.equal(served, 200);
    assert.ok(peak <= 8, `the simulator saw ${peak} requests at once`);
    assert.ok(peak >= 2, `the simulator saw only ${peak} request at a time; the burst was not parallel`);
  });

  it('the same burst with a looser bound does run more than 8 at once (the measurement is real)', async () => {
    const { fulfilled, peak } = await burst(64);
    assert.equal(fulfilled, 200);
    assert.ok(peak > 8, `the simulator saw at most ${peak} requests at once`);
  });
});
