import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUmClient, UmInputError, type UmClient } from '../../lib/um';
import { startUmSimulator, type UmSimulator } from '../../lib/um/simulator';

describe('CallIds refused before anything is sent', () => {
  let simulator: UmSimulator;
  let client: UmClient;
  before(async () => {
    simulator = await startUmSimulator();
    client = createUmClient({ url: simulator.url, timeoutMs: 5_000 });
  });
  after(async () => {
    await client.close();
    await simulator.close();
  });

  const invalid: Array<[label: string, callId: string]> = [
    ['markup that would break out of <CallId>', '</CallId><x/>'],
    ['an empty string', ''],
    ['1421 characters', 'A'.repeat(1421)],
    ['a control character', 'QUJD\u0001'],
  ];
  for (const [label, callId] of invalid) {
    it(`a CallId with ${label} is rejected with UmInputError by both Disconnect and GetCallInfo, and nothing reaches the service`, async () => {
      await assert.rejects(client.disconnect(callId), (error: unknown) => error instanceof UmInputError && error.field === 'callId');
      await assert.rejects(client.getCallInfo(callId), (error: unknown) => error instanceof UmInputError && error.field === 'callId');
      assert.equal(simulator.requestCount(), 0);
    });
  }

  it('a CallId of exactly 1420 base64 characters is sent (and refused by the service as unknown)', async () => {
    await assert.rejects(client.getCallInfo('A'.repeat(1420)), (error: unknown) => !(error instanceof UmInputError));
    assert.equal(simulator.requestCount('GetCallInfo'), 1);
  });
});
