// 10 000 mutated SOAP responses through the real client over loopback: lib/um must neither crash
// nor leave a rejection unhandled nor pollute prototypes, and every answer must be a well-formed
// success, a fault, a bad response, or (for a non-2xx status) an HTTP error.
// Replay a run with UM_FUZZ_SEED=<the seed it printed>.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readEnvironmentVariable } from '../../lib/config';
import { createUmClient, type UmClient, type UmOperation } from '../../lib/um';
import { judgeError, judgeSuccess, type OutcomeKind, type Verdict } from '../helpers/fuzz/judge-outcome';
import { mutateResponse, wireForm } from '../helpers/fuzz/mutate-response';
import { startScriptedServer, type ScriptedServer } from '../helpers/fuzz/scripted-server';
import { chooseSeed, createRandom } from '../helpers/fuzz/seeded-random';
import { readSample } from '../helpers/xml-equivalent';

const CASES = 10_000;
const WORKERS = 8;
const CALL_ID = 'NDEzYjEzNmMtZTE2Zi00NTJlLWI3YzctNDhkMTE3MDE3YjlmQGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=';
const ENTRY_ID = 'AAAAAGsd2rbQLVtLobUGbrq/9IUHAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAACxVpEl+KVVLl957wp//x6UAGAetcDUAAA==';

const SAMPLES: ReadonlyArray<{ file: string; operation: UmOperation; status: number }> = [
  { file: 'disconnect-response.xml', operation: 'Disconnect', status: 200 },
  { file: 'disconnect-fault-invalidcallid.xml', operation: 'Disconnect', status: 500 },
  { file: 'ews-disconnectphonecall-response.xml', operation: 'Disconnect', status: 200 },
  { file: 'getcallinfo-response.xml', operation: 'GetCallInfo', status: 200 },
  { file: 'ews-getphonecallinformation-response.xml', operation: 'GetCallInfo', status: 200 },
  { file: 'playonphone-response.xml', operation: 'PlayOnPhone', status: 200 },
  { file: 'playonphone-fault-invalidobjectid.xml', operation: 'PlayOnPhone', status: 500 },
  { file: 'playonphonegreeting-response.xml', operation: 'PlayOnPhoneGreeting', status: 200 },
  { file: 'isumenabled-response.xml', operation: 'IsUMEnabled', status: 200 },
  { file: 'getumproperties-response.xml', operation: 'GetUMProperties', status: 200 },
];

function send(client: UmClient, operation: UmOperation): Promise<unknown> {
  switch (operation) {
    case 'Disconnect':
      return client.disconnect(CALL_ID);
    case 'GetCallInfo':
      return client.getCallInfo(CALL_ID);
    case 'PlayOnPhone':
      return client.playOnPhone(ENTRY_ID, '12345');
    case 'PlayOnPhoneGreeting':
      return client.playOnPhoneGreeting('NormalCustom', '12345');
    case 'IsUMEnabled':
      return client.isUmEnabled();
    case 'GetUMProperties':
      return client.getUmProperties();
  }
}

/** Own property names and symbols of the built-in prototypes a parser could pollute. */
function prototypeKeys(): Record<string, string[]> {
  const keys = (target: object) => Reflect.ownKeys(target).map(String).sort();
  return {
    Object: keys(Object.prototype),
    Array: keys(Array.prototype),
    Function: keys(Function.prototype),
    String: keys(String.prototype),
  };
}

describe('lib/um against 10 000 mutated documented responses', () => {
  const seed = chooseSeed(readEnvironmentVariable('UM_FUZZ_SEED'));
  const samples = SAMPLES.map((sample) => ({ ...sample, xml: wireForm(readSample(sample.file)) }));
  let server: ScriptedServer;
  let clients: UmClient[];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
    server = await startScriptedServer();
    clients = Array.from({ length: WORKERS }, (_, k) =>
      createUmClient({ url: `${server.origin}/w${k}`, timeoutMs: 10_000, maxConcurrency: 1 }),
    );
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    await Promise.all(clients.map((client) => client.close()));
    await server.close();
  });

  it(`every answer is typed, nothing crashes or leaks, prototypes stay clean (seed printed; UM_FUZZ_SEED replays)`, async (t) => {
    t.diagnostic(`fuzz seed ${seed} (replay: UM_FUZZ_SEED=${seed})`);
    console.log(`um-fuzz: seed ${seed} (replay with UM_FUZZ_SEED=${seed})`);
    const prototypesBefore = prototypeKeys();
    const counts = new Map<OutcomeKind, number>();
    const failures: string[] = [];

    async function runCase(index: number, worker: number): Promise<void> {
      // Each case has its own stream, so case N is the same whichever worker runs it.
      const random = createRandom((seed + Math.imul(index + 1, 0x9e3779b1)) >>> 0);
      const sample = random.pick(samples);
      const { body, applied } = mutateResponse(random, sample.xml);
      server.setReply(`/w${worker}`, { status: sample.status, contentType: 'text/xml; charset=utf-8', body });
      const exchange = { operation: sample.operation, status: sample.status, bodyText: body.toString('utf8') };
      let verdict: Verdict;
      try {
        verdict = judgeSuccess(exchange, await send(clients[worker] as UmClient, sample.operation));
      } catch (error) {
        verdict = judgeError(exchange, error);
      }
      if (verdict.ok) counts.set(verdict.kind, (counts.get(verdict.kind) ?? 0) + 1);
      else failures.push(`case ${index} (${sample.file}; ${applied.join(' + ')}): ${verdict.problem}`);
    }

    await Promise.all(
      Array.from({ length: WORKERS }, async (_, worker) => {
        for (let index = worker; index < CASES; index += WORKERS) await runCase(index, worker);
      }),
    );

    t.diagnostic(`outcomes: ${JSON.stringify(Object.fromEntries(counts))}`);
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} case(s) failed with seed ${seed}`);
    assert.equal(server.answered, CASES, 'every case went over HTTP once (Disconnect never retried, nothing dropped)');
    for (const kind of ['success', 'fault', 'bad-response', 'http-error'] as const) {
      assert.ok((counts.get(kind) ?? 0) > 0, `no case ended as ${kind}: the fuzz no longer reaches that path`);
    }
    assert.deepEqual(unhandled.map(String), [], 'no unhandled rejection or uncaught exception');
    assert.deepEqual(prototypeKeys(), prototypesBefore, 'the built-in prototypes are unchanged');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  });
});
