import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { createUmClient, UmFault, type UmClient } from '../../lib/um';
import { startUmSimulator, type UmSimulator } from '../../lib/um/simulator';

const ENTRY_ID = 'AAAAAGsd2rbQLVtLobUGbrq/9IUHAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAACxVpEl+KVVLl957wp//x6UAGAetcDUAAA==';
const RING_MS = 100;
const NO_ANSWER_MS = 800;

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) assert.fail(`not reached within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await delay(25);
  }
}

describe('dial-string scenarios seen through the client', () => {
  let simulator: UmSimulator;
  let client: UmClient;
  before(async () => {
    simulator = await startUmSimulator({ ringMs: RING_MS, teardownMs: 50, noAnswerMs: NO_ANSWER_MS });
    client = createUmClient({ url: simulator.url, timeoutMs: 5_000 });
  });
  after(async () => {
    await client.close();
    await simulator.close();
  });

  it('a number ending 0000 keeps ringing past ringMs and ends as Disconnected / NoAnswer after noAnswerMs', async () => {
    const placedAt = Date.now();
    const callId = await client.playOnPhone(ENTRY_ID, '+1 425 555 0000');
    await delay(RING_MS * 3);
    const ringing = await client.getCallInfo(callId);
    // Only meaningful while noAnswerMs has not passed; the bound is generous on purpose.
    if (Date.now() - placedAt < NO_ANSWER_MS) assert.equal(ringing.state, 'Connecting');
    const ended = await eventually(() => client.getCallInfo(callId), (info) => info.state === 'Disconnected');
    assert.ok(Date.now() - placedAt >= NO_ANSWER_MS, 'the unanswered call ended before noAnswerMs');
    assert.equal(ended.cause, 'NoAnswer');
  });

  it('a number ending 1111 is busy: Disconnected / UserBusy without ever being Connected', async () => {
    const callId = await client.playOnPhone(ENTRY_ID, '4255551111');
    const seen = new Set<string>();
    const ended = await eventually(
      async () => {
        const info = await client.getCallInfo(callId);
        seen.add(info.state);
        return info;
      },
      (info) => info.state === 'Disconnected',
    );
    assert.equal(ended.cause, 'UserBusy');
    assert.equal(seen.has('Connected'), false);
  });

  it('a number ending 2222 is unavailable: Disconnected / Unavailable', async () => {
    const callId = await client.playOnPhoneGreeting('NormalCustom', '4255552222');
    const ended = await eventually(() => client.getCallInfo(callId), (info) => info.state === 'Disconnected');
    assert.equal(ended.cause, 'Unavailable');
  });

  it('a number ending 3333 is refused by the dialing rules and no call is placed', async () => {
    const before = simulator.listCalls().length;
    for (const place of [() => client.playOnPhone(ENTRY_ID, '4255553333'), () => client.playOnPhoneGreeting('OofCustom', '3333')]) {
      await assert.rejects(place(), (error: unknown) => {
        assert.ok(error instanceof UmFault);
        assert.equal(error.code, 'DialingRulesException');
        assert.equal(error.httpStatus, 500);
        return true;
      });
    }
    assert.equal(simulator.listCalls().length, before);
  });

  it('a number ending 9999 is stuck: Disconnect is accepted but the call stays Connected', async () => {
    const callId = await client.playOnPhone(ENTRY_ID, '4255559999');
    await eventually(() => client.getCallInfo(callId), (info) => info.state === 'Connected');
    await client.disconnect(callId);
    await client.disconnect(callId);
    await delay(50 * 6); // several teardown periods
    const info = await client.getCallInfo(callId);
    assert.deepEqual([info.state, info.cause], ['Connected', 'None']);
    assert.equal(simulator.getCall(callId)?.disconnectRequests, 2);
    assert.equal(simulator.getCall(callId)?.scenario, 'stuck');
  });

  it('any other number answers and is torn down teardownMs after Disconnect', async () => {
    const callId = await client.playOnPhone(ENTRY_ID, '4255551234');
    await eventually(() => client.getCallInfo(callId), (info) => info.state === 'Connected');
    await client.disconnect(callId);
    const ended = await eventually(() => client.getCallInfo(callId), (info) => info.state === 'Disconnected');
    assert.equal(ended.cause, 'None');
  });
});
