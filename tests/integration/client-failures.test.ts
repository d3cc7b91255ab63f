import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import {
  createUmClient,
  UmBadResponse,
  UmHttpError,
  UmNetworkError,
  UmTimeoutError,
  type UmClient,
} from '../../lib/um';
import type { BadResponseReason } from '../../lib/um/errors';
import { startUmSimulator, type UmSimulator } from '../../lib/um/simulator';

const ENTRY_ID = 'AAAAAGsd2rbQLVtLobUGbrq/9IUHAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAACxVpEl+KVVLl957wp//x6UAGAetcDUAAA==';

function badResponse(reason: BadResponseReason) {
  return (error: unknown) => {
    assert.ok(error instanceof UmBadResponse, String(error));
    assert.equal(error.reason, reason);
    return true;
  };
}

describe('injected failures reach the client as typed errors', () => {
  let simulator: UmSimulator;
  let client: UmClient;
  before(async () => {
    simulator = await startUmSimulator({ ringMs: 0 });
    client = createUmClient({ url: simulator.url, timeoutMs: 2_000, maxResponseBytes: 16 * 1024 });
  });
  after(async () => {
    await client.close();
    await simulator.close();
  });
  beforeEach(() => simulator.clearFailures());

  it('an injected 503 is a UmHttpError 503', async () => {
    simulator.injectFailure({ kind: 'http503', count: 1 });
    await assert.rejects(client.isUmEnabled(), (error: unknown) => error instanceof UmHttpError && error.status === 503);
    assert.equal(await client.isUmEnabled(), true, 'a count of 1 fails one request only');
  });

  it('a truncated body is a bad response: malformed', async () => {
    simulator.injectFailure({ kind: 'malformed', count: 1 });
    await assert.rejects(client.getUmProperties(), badResponse('malformed'));
  });

  it('an empty 200 body is a bad response: malformed', async () => {
    simulator.injectFailure({ kind: 'empty', count: 1 });
    await assert.rejects(client.isUmEnabled(), badResponse('malformed'));
  });

  it('a 200 text/html answer is a bad response: content-type', async () => {
    simulator.injectFailure({ kind: 'wrong-content-type', count: 1 });
    await assert.rejects(client.isUmEnabled(), badResponse('content-type'));
  });

  it('a body over 1 MiB is a bad response: oversize, and the client stops reading at its own cap', async () => {
    simulator.injectFailure({ kind: 'oversize', count: 1 });
    await assert.rejects(client.isUmEnabled(), (error: unknown) => {
      badResponse('oversize')(error);
      // The simulator streams without Content-Length, so this proves the read was cut at the cap.
      assert.match((error as UmBadResponse).detail, /over 16384 bytes read/);
      return true;
    });
    assert.equal(await client.isUmEnabled(), true, 'the connection pool recovers');
  });

  it('a reset connection is a UmNetworkError whose outcome is unknown', async () => {
    simulator.injectFailure({ kind: 'reset', count: 1, operations: ['PlayOnPhone'] });
    await assert.rejects(client.playOnPhone(ENTRY_ID, '12345'), (error: unknown) => {
      assert.ok(error instanceof UmNetworkError, String(error));
      assert.equal(error.requestSent, 'maybe');
      return true;
    });
  });

  it('a failure limited to some operations leaves the others alone, until cleared', async () => {
    simulator.injectFailure({ kind: 'http503', operations: ['GetUMProperties'] });
    assert.equal(await client.isUmEnabled(), true);
    await assert.rejects(client.getUmProperties(), UmHttpError);
    await assert.rejects(client.getUmProperties(), UmHttpError);
    simulator.clearFailures();
    assert.equal((await client.getUmProperties()).oofStatus, false);
  });

  it('GetCallInfo is retried once after a connection reset: the simulator sees two requests', async () => {
    const callId = await client.playOnPhone(ENTRY_ID, '12345');
    const before = simulator.requestCount('GetCallInfo');
    simulator.injectFailure({ kind: 'reset', count: 1, operations: ['GetCallInfo'] });
    const info = await client.getCallInfo(callId);
    assert.equal(info.state, 'Connected');
    assert.equal(simulator.requestCount('GetCallInfo') - before, 2);
  });

  it('Disconnect is never retried after a connection reset: the simulator sees one request', async () => {
    const callId = await client.playOnPhone(ENTRY_ID, '12345');
    const before = simulator.requestCount('Disconnect');
    simulator.injectFailure({ kind: 'reset', count: 1, operations: ['Disconnect'] });
    await assert.rejects(client.disconnect(callId), UmNetworkError);
    await delay(200);
    assert.equal(simulator.requestCount('Disconnect') - before, 1);
    // An injected failure stands in for the service: the reset request was not acted upon.
    assert.equal(simulator.getCall(callId)?.disconnectRequests, 0);
  });

  it('a request the service never answers times out with the outcome unknown', async (t) => {
    const impatient = createUmClient({ url: simulator.url, timeoutMs: 300 });
    t.after(() => impatient.close());
    simulator.injectFailure({ kind: 'timeout', count: 1 });
    await assert.rejects(impatient.isUmEnabled(), (error: unknown) => {
      assert.ok(error instanceof UmTimeoutError, String(error));
      assert.equal(error.requestSent, 'maybe');
      return true;
    });
  });
});

describe('a slow UM service and the client’s deadline', () => {
  let simulator: UmSimulator;
  let client: UmClient;
  before(async () => {
    simulator = await startUmSimulator({ ringMs: 0 });
    client = createUmClient({ url: simulator.url, timeoutMs: 300 });
  });
  after(async () => {
    await client.close();
    await simulator.close();
  });

  it('a timed-out disconnect is reported as a timeout and the server saw exactly one request', async () => {
    const callId = await client.playOnPhone(ENTRY_ID, '12345');
    simulator.setLatency(2_000);
    await assert.rejects(client.disconnect(callId), (error: unknown) => {
      assert.ok(error instanceof UmTimeoutError, String(error));
      assert.equal(error.operation, 'Disconnect');
      assert.equal(error.requestSent, 'maybe');
      assert.match(error.message, /may still be up/);
      return true;
    });
    await delay(500); // long enough for a blind re-send to have arrived
    assert.equal(simulator.requestCount('Disconnect'), 1);
    simulator.setLatency(0);
  });
});
