// umctl end to end: a real CLI process against the UM simulator, stand-alone and embedded.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startUmSimulator, type UmSimulator } from '../../lib/um/simulator';
import { findFreePort, parseSingleJson, runCli, startStandaloneSimulator, type CliRun, type StandaloneSimulator } from './umctl-harness';

const ENTRY_ID = 'AAAAAGsd2rbQLVtLobUGbrq/9IUHAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAACxVpEl+KVVLl957wp//x6UAGAetcDUAAA==';
const UNKNOWN_CALL_ID = 'dW5rbm93bi1jYWxs';
const INJECTION = '</CallId><x/>';

async function placeCall(url: string, dialString: string): Promise<string> {
  const run = await runCli(['play-on-phone', '--entry-id', ENTRY_ID, '--dial-string', dialString, '--json', '--url', url]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const { callId } = parseSingleJson(run.stdout);
  assert.equal(typeof callId, 'string');
  return callId as string;
}

/** Asks call-info until the state is the wanted one; bounded by attempts, not by time. */
async function waitForState(url: string, callId: string, wanted: string, attempts = 20): Promise<Record<string, unknown>> {
  let last: Record<string, unknown> = {};
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const run = await runCli(['call-info', callId, '--json', '--url', url]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    last = parseSingleJson(run.stdout);
    if (last.state === wanted) return last;
  }
  assert.fail(`the call never reached ${wanted}; last seen ${JSON.stringify(last)}`);
}

function errorOf(run: CliRun): Record<string, unknown> {
  const output = parseSingleJson(run.stdout);
  assert.equal(output.ok, false);
  assert.equal(output.exitCode, run.code);
  return output.error as Record<string, unknown>;
}

describe('umctl against the stand-alone simulator (npm run um-simulator)', { concurrency: 3 }, () => {
  let simulator: StandaloneSimulator;
  before(async () => {
    simulator = await startStandaloneSimulator(['--ring-ms', '200', '--teardown-ms', '200']);
  });
  after(async () => {
    await simulator?.stop();
  });

  test('play-on-phone returns a CallId, call-info reports it, disconnect ends it and call-info then says Disconnected', async () => {
    const callId = await placeCall(simulator.url, '+1 425 555 0100');
    assert.match(callId, /^[A-Za-z0-9+/=]+$/);

    const info = await runCli(['call-info', callId, '--url', simulator.url]);
    assert.equal(info.code, 0, info.stderr);
    assert.match(info.stdout, /^(Connecting|Connected) \(event cause: None\)$/m);
    assert.match(info.stdout, /um-sim-01\.contoso\.test/);

    const hangUp = await runCli(['disconnect', callId, '--url', simulator.url]);
    assert.equal(hangUp.code, 0, hangUp.stderr);
    assert.match(hangUp.stdout, /accepted the hang-up/);
    assert.match(hangUp.stdout, /umctl call-info/);

    const ended = await waitForState(simulator.url, callId, 'Disconnected');
    assert.equal(ended.eventCause, 'None');
  });

  test('the URL, like every setting, can come from UM_SERVICE_URL instead of --url', async () => {
    const run = await runCli(['is-um-enabled'], { UM_SERVICE_URL: simulator.url });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /IsUMEnabled: true/);
  });

  test('an unknown CallId exits 3 with InvalidCallIdException for call-info and disconnect', async () => {
    const [info, hangUp] = await Promise.all([
      runCli(['call-info', UNKNOWN_CALL_ID, '--url', simulator.url]),
      runCli(['disconnect', UNKNOWN_CALL_ID, '--url', simulator.url, '--json']),
    ]);
    assert.equal(info.code, 3);
    assert.match(info.stderr, /InvalidCallIdException/);
    assert.equal(hangUp.code, 3);
    assert.deepEqual(
      { kind: errorOf(hangUp).kind, code: errorOf(hangUp).code },
      { kind: 'fault', code: 'InvalidCallIdException' },
    );
  });

  test('disconnect --verify reports confirmed once the service shows the call Disconnected', async () => {
    const callId = await placeCall(simulator.url, '+1 425 555 0101');
    const run = await runCli(['disconnect', callId, '--verify', '--json', '--url', simulator.url]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const output = parseSingleJson(run.stdout);
    assert.equal(output.outcome, 'confirmed');
    assert.equal(output.state, 'Disconnected');
    assert.equal(output.disconnectSent, true);
  });

  test('disconnect --verify on a stuck call reports accepted when it is still up at the deadline', async () => {
    const callId = await placeCall(simulator.url, '+1 425 555 9999');
    const run = await runCli(['disconnect', callId, '--verify', '--verify-timeout-ms', '800', '--url', simulator.url]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^Accepted: the UM service took the hang-up, but the call still showed as (Connecting|Connected)/m);
  });

  test('disconnect --verify on a call that already ended reports already-ended and sends no hang-up', async () => {
    const callId = await placeCall(simulator.url, '+1 425 555 1111');
    await waitForState(simulator.url, callId, 'Disconnected');
    const run = await runCli(['disconnect', callId, '--verify', '--json', '--url', simulator.url]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const output = parseSingleJson(run.stdout);
    assert.deepEqual(
      { outcome: output.outcome, disconnectSent: output.disconnectSent, eventCause: output.eventCause },
      { outcome: 'already-ended', disconnectSent: false, eventCause: 'UserBusy' },
    );
  });
});

describe('umctl against an embedded simulator it can watch', { concurrency: 3 }, () => {
  const simulators: UmSimulator[] = [];
  const start = async (options: Parameters<typeof startUmSimulator>[0] = {}) => {
    const simulator = await startUmSimulator(options);
    simulators.push(simulator);
    return simulator;
  };
  after(async () => {
    await Promise.all(simulators.map((simulator) => simulator.close()));
  });

  test('a CallId of </CallId><x/> exits 2 and the service sees no request at all', async () => {
    const simulator = await start();
    const [info, hangUp] = await Promise.all([
      runCli(['call-info', INJECTION, '--url', simulator.url]),
      runCli(['disconnect', INJECTION, '--url', simulator.url, '--json']),
    ]);
    assert.equal(info.code, 2);
    assert.match(info.stderr, /Invalid call ID/);
    assert.equal(hangUp.code, 2);
    assert.equal(errorOf(hangUp).kind, 'input');
    assert.equal(simulator.requestCount(), 0);
  });

  test('--timeout-ms 1500 against a service delayed 10 s exits 4 as a timeout, after exactly one request', async () => {
    // Long enough that the request is on the wire before the timer fires, even on a busy machine.
    const simulator = await start({ latencyMs: 10_000 });
    const run = await runCli(['call-info', UNKNOWN_CALL_ID, '--timeout-ms', '1500', '--url', simulator.url, '--json']);
    assert.equal(run.code, 4);
    const error = errorOf(run);
    assert.equal(error.kind, 'timeout');
    assert.match(String(error.message), /did not answer GetCallInfo within 1\.5 s/);
    assert.equal(simulator.requestCount('GetCallInfo'), 1);
  });

  test('Basic auth from --username and --password-env works; a wrong password exits 4 with "authentication failed"', async () => {
    const password = 'Pa55-w0rd-never-printed';
    const simulator = await start({ username: 'svc-um', password });
    const [right, wrong, wrongJson, fromEnv] = await Promise.all([
      runCli(['is-um-enabled', '--url', simulator.url, '--username', 'svc-um', '--password-env', 'UMCTL_TEST_PW'], {
        UMCTL_TEST_PW: password,
      }),
      runCli(['is-um-enabled', '--url', simulator.url, '--username', 'svc-um', '--password-env', 'UMCTL_TEST_PW'], {
        UMCTL_TEST_PW: `${password}-wrong`,
      }),
      runCli(['call-info', UNKNOWN_CALL_ID, '--url', simulator.url, '--json'], { UM_USERNAME: 'svc-um', UM_PASSWORD: 'nope' }),
      runCli(['is-um-enabled', '--url', simulator.url], { UM_USERNAME: 'svc-um', UM_PASSWORD: password }),
    ]);
    assert.equal(right.code, 0, right.stderr);
    assert.match(right.stdout, /IsUMEnabled: true/);
    assert.equal(fromEnv.code, 0, fromEnv.stderr);
    assert.equal(wrong.code, 4);
    assert.match(wrong.stderr, /authentication failed/i);
    assert.equal(wrongJson.code, 4);
    assert.deepEqual({ kind: errorOf(wrongJson).kind, status: errorOf(wrongJson).status }, { kind: 'http', status: 401 });
    for (const run of [right, wrong, wrongJson, fromEnv]) {
      assert.ok(!`${run.stdout}${run.stderr}`.includes(password), 'the password appeared in the output');
    }
  });

  test('a malformed response exits 5 and is reported as a bad response', async () => {
    const simulator = await start();
    simulator.injectFailure({ kind: 'malformed' });
    const [human, json] = await Promise.all([
      runCli(['call-info', UNKNOWN_CALL_ID, '--url', simulator.url]),
      runCli(['is-um-enabled', '--url', simulator.url, '--json']),
    ]);
    assert.equal(human.code, 5);
    assert.match(human.stderr, /^umctl: The UM service sent a response to GetCallInfo that cannot be used/);
    assert.equal(json.code, 5);
    assert.equal(errorOf(json).kind, 'bad-response');
  });

  test('--json prints exactly one JSON object for success and for every kind of failure, and nothing on stderr', async () => {
    const healthy = await start();
    const unavailable = await start();
    unavailable.injectFailure({ kind: 'http503' });
    const resetting = await start();
    resetting.injectFailure({ kind: 'reset', operations: ['Disconnect'] });
    const silent = await start();
    silent.injectFailure({ kind: 'timeout' });
    const oversized = await start();
    oversized.injectFailure({ kind: 'oversize' });
    const closedUrl = `http://127.0.0.1:${await findFreePort()}/EWS/UM2007Legacy.asmx`;

    const cases: ReadonlyArray<readonly [expected: string, code: number, args: readonly string[]]> = [
      ['success', 0, ['is-um-enabled', '--url', healthy.url]],
      ['usage', 2, ['call-info', '--url', healthy.url]],
      ['input', 2, ['call-info', INJECTION, '--url', healthy.url]],
      ['fault', 3, ['call-info', UNKNOWN_CALL_ID, '--url', healthy.url]],
      ['http', 4, ['call-info', UNKNOWN_CALL_ID, '--url', unavailable.url]],
      ['network', 4, ['disconnect', UNKNOWN_CALL_ID, '--url', resetting.url]],
      ['network', 4, ['um-properties', '--url', closedUrl]],
      ['timeout', 4, ['call-info', UNKNOWN_CALL_ID, '--url', silent.url, '--timeout-ms', '300']],
      ['bad-response', 5, ['call-info', UNKNOWN_CALL_ID, '--url', oversized.url]],
    ];
    const runs = await Promise.all(cases.map(([, , args]) => runCli([...args, '--json'])));
    cases.forEach(([expected, code, args], index) => {
      const run = runs[index];
      assert.ok(run);
      assert.equal(run.code, code, `${args.join(' ')}: ${run.stdout}`);
      assert.equal(run.stderr, '', `${args.join(' ')} wrote to stderr`);
      const output = parseSingleJson(run.stdout);
      if (expected === 'success') assert.equal(output.ok, true);
      else assert.equal(errorOf(run).kind, expected, args.join(' '));
    });
    assert.equal(resetting.requestCount('Disconnect'), 1, 'a Disconnect whose connection was lost must not be re-sent');
  });
});

describe('umctl disconnect --verify when the hang-up itself goes wrong', { concurrency: 2 }, () => {
  const simulators: UmSimulator[] = [];
  after(async () => {
    await Promise.all(simulators.map((simulator) => simulator.close()));
  });

  test('a timed-out disconnect is reported as unknown (exit 4) and the service saw exactly one Disconnect', async () => {
    const simulator = await startUmSimulator({ ringMs: 50 });
    simulators.push(simulator);
    const callId = await placeCall(simulator.url, '555 0102');
    simulator.injectFailure({ kind: 'timeout', operations: ['Disconnect'] });
    const run = await runCli(['disconnect', callId, '--verify', '--timeout-ms', '400', '--verify-timeout-ms', '600', '--url', simulator.url, '--json']);
    assert.equal(run.code, 4);
    const output = parseSingleJson(run.stdout);
    assert.equal(output.outcome, 'unknown');
    assert.equal(errorOf(run).kind, 'timeout');
    assert.match(String(errorOf(run).message), /not re-sent/);
    assert.equal(simulator.requestCount('Disconnect'), 1);
  });

  test('a disconnect answered with HTTP 503 is reported as failed (exit 4) and the call is left up', async () => {
    const simulator = await startUmSimulator({ ringMs: 50 });
    simulators.push(simulator);
    const callId = await placeCall(simulator.url, '555 0103');
    simulator.injectFailure({ kind: 'http503', operations: ['Disconnect'] });
    const run = await runCli(['disconnect', callId, '--verify', '--url', simulator.url]);
    assert.equal(run.code, 4);
    assert.match(run.stderr, /^umctl: Disconnect failed: The UM service is unavailable \(HTTP 503 for Disconnect\)/);
    assert.equal(simulator.requestCount('Disconnect'), 1);
    assert.notEqual(simulator.getCall(callId)?.state, 'Disconnected');
  });
});
