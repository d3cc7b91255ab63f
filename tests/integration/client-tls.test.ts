import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createUmClient, decodeCallId, UmNetworkError } from '../../lib/um';
import { startUmSimulator, type UmSimulator } from '../../lib/um/simulator';

const tlsFile = (name: string) => fileURLToPath(new URL(`../fixtures/tls/${name}`, import.meta.url));

describe('the simulator over HTTPS with the test-only certificate', () => {
  let simulator: UmSimulator;
  before(async () => {
    simulator = await startUmSimulator({
      ringMs: 0,
      tls: { key: readFileSync(tlsFile('server-key.pem')), cert: readFileSync(tlsFile('server.pem')) },
    });
  });
  after(() => simulator.close());

  it('serves an https:// URL', () => {
    assert.match(simulator.url, /^https:\/\/127\.0\.0\.1:\d+\/EWS\/UM2007Legacy\.asmx$/);
  });

  it('a client that does not trust the CA fails with a network error that points at UM_CA_FILE, and nothing is sent', async (t) => {
    const client = createUmClient({ url: simulator.url, timeoutMs: 5_000 });
    t.after(() => client.close());
    await assert.rejects(client.isUmEnabled(), (error: unknown) => {
      assert.ok(error instanceof UmNetworkError, String(error));
      assert.match(error.message, /UM_CA_FILE/);
      assert.equal(error.requestSent, 'no');
      return true;
    });
    assert.equal(simulator.requestCount(), 0);
  });

  it('a client given the test CA as caFile works', async (t) => {
    const client = createUmClient({ url: simulator.url, caFile: tlsFile('ca.pem'), timeoutMs: 5_000 });
    t.after(() => client.close());
    assert.equal(await client.isUmEnabled(), true);
    const callId = await client.playOnPhone('AAAA', '12345');
    assert.ok(decodeCallId(callId));
    assert.equal((await client.getCallInfo(callId)).state, 'Connected');
  });

  it('the test certificate names localhost, 127.0.0.1 and ::1 and is signed by the test CA', () => {
    const server = new X509Certificate(readFileSync(tlsFile('server.pem')));
    const ca = new X509Certificate(readFileSync(tlsFile('ca.pem')));
    assert.equal(server.checkHost('localhost'), 'localhost');
    assert.equal(server.checkIP('127.0.0.1'), '127.0.0.1');
    assert.equal(server.checkIP('::1'), '::1');
    assert.ok(server.checkIssued(ca) && server.verify(ca.publicKey));
    assert.ok(new Date(server.validTo).getFullYear() >= 2120);
  });
});
