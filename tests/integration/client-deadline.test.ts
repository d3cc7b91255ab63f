// The client's one deadline per request covers waiting for a slot, sending and the whole body, and
// the response size cap holds whether the size is announced or only found while reading.
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { createUmClient, UmBadResponse, UmTimeoutError } from '../../lib/um';
import { startUmSimulator, type UmSimulator } from '../../lib/um/simulator';
import { readSample } from '../helpers/xml-equivalent';

const IS_UM_ENABLED = readSample('isumenabled-response.xml');

describe('the deadline while waiting for a slot', () => {
  let simulator: UmSimulator;
  before(async () => {
    simulator = await startUmSimulator({ ringMs: 0 });
  });
  after(() => simulator.close());

  it('a request queued behind a slow one ends at its own deadline, and one that says it was not sent never reaches the service', async (t) => {
    const client = createUmClient({ url: simulator.url, maxConcurrency: 1, timeoutMs: 400 });
    t.after(() => client.close());
    simulator.setLatency(1_500);
    const started = performance.now();
    // Both deadlines fall due together; the second request gets the slot only when the first lets go
    // of it, at that same moment, so it times out before (or just as) undici starts writing it.
    const results = await Promise.allSettled([client.isUmEnabled(), client.isUmEnabled()]);
    const elapsed = performance.now() - started;
    const [sent, waited] = results.map((result) => (result.status === 'rejected' ? (result.reason as unknown) : result.value));
    assert.ok(sent instanceof UmTimeoutError && waited instanceof UmTimeoutError, `${String(sent)} / ${String(waited)}`);
    assert.ok(elapsed < 1_200, `they ended after ${Math.round(elapsed)} ms, not at their 400 ms deadline`);
    assert.equal(sent.requestSent, 'maybe');
    assert.equal(client.inFlight, 0, 'both slots are given back at the deadline');
    await delay(1_700); // any request that went out has been answered by now
    const reached = simulator.requestCount('IsUMEnabled');
    if (waited.requestSent === 'no') {
      assert.equal(reached, 1, 'a request reported as not sent reached the service');
      assert.match(waited.message, /was not sent/);
    } else {
      assert.equal(reached, 2);
    }
    simulator.setLatency(0);
    assert.equal(await client.isUmEnabled(), true, 'the client works again once the service answers in time');
  });
});

/** A loopback server whose answer `respond` writes; every request is counted. */
async function startRawServer(respond: (response: ServerResponse) => void): Promise<{ url: string; requests: () => number; server: Server }> {
  let requests = 0;
  const server = createServer((request, response) => {
    requests += 1;
    request.resume();
    request.once('end', () => respond(response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/EWS/UM2007Legacy.asmx`, requests: () => requests, server };
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

describe('the deadline and the size cap while reading the body', () => {
  it('a body that trickles in, each piece within undici\'s idle timeout, is cut at the whole-exchange deadline', async (t) => {
    const timers = new Set<NodeJS.Timeout>();
    const { url, server } = await startRawServer((response) => {
      response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      response.write(IS_UM_ENABLED.slice(0, 10));
      // 100 pieces 50 ms apart: 5 s in all, though no gap comes near the 600 ms idle timeout.
      let sent = 10;
      const timer = setInterval(() => {
        if (sent >= 100) {
          clearInterval(timer);
          response.end(IS_UM_ENABLED.slice(sent));
          return;
        }
        response.write(IS_UM_ENABLED.slice(sent, sent + 1));
        sent += 1;
      }, 50);
      timers.add(timer);
    });
    const client = createUmClient({ url, timeoutMs: 600 });
    t.after(async () => {
      for (const timer of timers) clearInterval(timer);
      await client.close();
      await stop(server);
    });
    const started = performance.now();
    await assert.rejects(client.isUmEnabled(), (error: unknown) => {
      assert.ok(error instanceof UmTimeoutError, String(error));
      assert.equal(error.requestSent, 'maybe');
      return true;
    });
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 3_000, `the deadline fired after ${Math.round(elapsed)} ms, not at about 600 ms`);
    assert.equal(client.inFlight, 0);
  });

  it('a body announced larger than the cap is refused before it is read, and nothing is retried', async (t) => {
    const body = `${IS_UM_ENABLED}${' '.repeat(20_000)}`;
    const { url, server, requests } = await startRawServer((response) => {
      response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
      response.end(body);
    });
    const client = createUmClient({ url, timeoutMs: 5_000, maxResponseBytes: 16 * 1024 });
    t.after(async () => {
      await client.close();
      await stop(server);
    });
    await assert.rejects(client.isUmEnabled(), (error: unknown) => {
      assert.ok(error instanceof UmBadResponse, String(error));
      assert.equal(error.reason, 'oversize');
      assert.match(error.detail, /bytes announced/);
      return true;
    });
    assert.equal(requests(), 1);
    assert.equal(client.inFlight, 0);
  });

  it('a body exactly at the cap is read', async (t) => {
    const padding = 16 * 1024 - Buffer.byteLength(IS_UM_ENABLED);
    const body = `${IS_UM_ENABLED}${' '.repeat(padding)}`;
    const { url, server } = await startRawServer((response) => {
      response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      // Without Content-Length, in two pieces: the count is what is read, not what is announced.
      response.write(body.slice(0, 1000));
      response.end(body.slice(1000));
    });
    const client = createUmClient({ url, timeoutMs: 5_000, maxResponseBytes: 16 * 1024 });
    t.after(async () => {
      await client.close();
      await stop(server);
    });
    assert.equal(await client.isUmEnabled(), true);
  });
});
