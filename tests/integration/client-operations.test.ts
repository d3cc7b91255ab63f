import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { createUmClient, decodeCallId, UmFault, type CallInfo, type UmClient } from '../../lib/um';
import { encodeCallId } from '../../lib/um/call-id';
import { startUmSimulator, type UmSimulator } from '../../lib/um/simulator';

const ENTRY_ID = 'AAAAAGsd2rbQLVtLobUGbrq/9IUHAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAACxVpEl+KVVLl957wp//x6UAGAetcDUAAA==';
const RING_MS = 600;

/** Polls until `done` holds; fails the test with the last value after timeoutMs. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) assert.fail(`not reached within ${timeoutMs} ms; last value: ${show(value)}`);
    await delay(25);
  }
}

function show(value: unknown): string {
  return value instanceof Error ? `${value.name}: ${value.message}` : JSON.stringify(value);
}

const infoOrError = (client: UmClient, callId: string) => (): Promise<CallInfo | Error> =>
  client.getCallInfo(callId).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));

let simulator: UmSimulator;
before(async () => {
  simulator = await startUmSimulator({ ringMs: RING_MS, teardownMs: 100, retentionMs: 60_000, serverFqdn: 'um-test-07.contoso.test' });
});
after(() => simulator.close());

for (const endpoint of ['url', 'legacyUrl'] as const) {
  describe(`every operation round-trips on the ${endpoint === 'url' ? 'Exchange 2010+ (EWS/UM2007Legacy.asmx)' : 'Exchange 2007 (UnifiedMessaging/Service.asmx)'} endpoint`, () => {
    let client: UmClient;
    before(() => {
      client = createUmClient({ url: simulator[endpoint], timeoutMs: 5_000 });
    });
    after(() => client.close());

    it('PlayOnPhone returns a CallId that decodes to the simulator’s server name', async () => {
      const callId = await client.playOnPhone(ENTRY_ID, '12345');
      assert.equal(decodeCallId(callId)?.server, 'um-test-07.contoso.test');
      assert.equal(simulator.getCall(callId)?.dialString, '12345');
    });

    it('a placed call is Connecting at first and Connected once ringMs has passed', async () => {
      const placedAt = Date.now();
      const callId = await client.playOnPhone(ENTRY_ID, '4255550100');
      const first = await client.getCallInfo(callId);
      assert.deepEqual([first.state, first.cause], ['Connecting', 'None']);
      const connected = await eventually(() => client.getCallInfo(callId), (info) => info.state === 'Connected');
      assert.ok(Date.now() - placedAt >= RING_MS, 'Connected was reported before the call could have been answered');
      assert.equal(connected.cause, 'None');
    });

    it('Disconnect is accepted at once and GetCallInfo eventually reports Disconnected with cause None', async () => {
      const callId = await client.playOnPhone(ENTRY_ID, '4255550101');
      await eventually(() => client.getCallInfo(callId), (info) => info.state === 'Connected');
      await client.disconnect(callId);
      const ended = await eventually(() => client.getCallInfo(callId), (info) => info.state === 'Disconnected');
      assert.equal(ended.cause, 'None');
      assert.equal(simulator.getCall(callId)?.disconnectRequests, 1);
    });

    it('PlayOnPhoneGreeting places a call with its own CallId', async () => {
      const callId = await client.playOnPhoneGreeting('OofCustom', '4255550102');
      assert.ok(decodeCallId(callId));
      assert.equal((await client.getCallInfo(callId)).state === 'Disconnected', false);
      assert.equal(simulator.getCall(callId)?.scenario, 'normal');
    });

    it('IsUMEnabled answers true', async () => {
      assert.equal(await client.isUmEnabled(), true);
    });

    it('GetUMProperties answers the documented field set', async () => {
      assert.deepEqual(await client.getUmProperties(), {
        oofStatus: false,
        missedCallNotificationEnabled: true,
        playOnPhoneDialString: '12345',
        telephoneAccessNumbers: '54321',
        telephoneAccessFolderEmail: 'AAAAAGsd2rbQLVtLobUGbrq/9IUBAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAAA==',
      });
    });
  });
}

describe('faults for calls the service does not know', () => {
  let client: UmClient;
  before(() => {
    client = createUmClient({ url: simulator.url, timeoutMs: 5_000 });
  });
  after(() => client.close());

  it('GetCallInfo and Disconnect of an unknown CallId fail with InvalidCallIdException over HTTP 500', async () => {
    const unknown = encodeCallId(randomUUID(), 'um-test-07.contoso.test');
    for (const attempt of [() => client.getCallInfo(unknown), () => client.disconnect(unknown)]) {
      await assert.rejects(attempt(), (error: unknown) => {
        assert.ok(error instanceof UmFault, show(error));
        assert.equal(error.code, 'InvalidCallIdException');
        assert.equal(error.httpStatus, 500);
        assert.equal(error.faultString, "The call identifier isn't valid.");
        return true;
      });
    }
  });

  it('PlayOnPhone with an entryId that is not base64 fails with InvalidObjectIdException', async () => {
    await assert.rejects(client.playOnPhone('AAA', '12345'), (error: unknown) => {
      assert.ok(error instanceof UmFault, show(error));
      assert.equal(error.code, 'InvalidObjectIdException');
      return true;
    });
  });
});

describe('an ended call is remembered for retentionMs only', () => {
  it('stays queryable and disconnectable after it ends, then its CallId becomes invalid', async (t) => {
    const shortLived = await startUmSimulator({ ringMs: 50, teardownMs: 50, retentionMs: 600 });
    const client = createUmClient({ url: shortLived.url, timeoutMs: 5_000 });
    t.after(async () => {
      await client.close();
      await shortLived.close();
    });
    const callId = await client.playOnPhone(ENTRY_ID, '12345');
    await client.disconnect(callId);
    await eventually(() => client.getCallInfo(callId), (info) => info.state === 'Disconnected');
    await client.disconnect(callId); // inside the retention window: succeeds
    const expired = await eventually(infoOrError(client, callId), (value) => value instanceof Error);
    assert.ok(expired instanceof UmFault, show(expired));
    assert.equal(expired.code, 'InvalidCallIdException');
    assert.equal(shortLived.getCall(callId), undefined);
    await assert.rejects(client.disconnect(callId), (error: unknown) => error instanceof UmFault && error.code === 'InvalidCallIdException');
  });
});
