import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CLI_PORT, parseSimulatorCli, type ParsedCli } from '../../lib/um/simulator/cli-args';

function messageOf(parsed: ParsedCli): string {
  assert.equal(parsed.kind, 'error');
  return parsed.kind === 'error' ? parsed.message : '';
}

describe('the simulator command line', () => {
  it('reads every documented flag into simulator options', () => {
    const parsed = parseSimulatorCli([
      '--port', '8089', '--host', '0.0.0.0', '--username', 'svc', '--password', 'pw',
      '--latency-ms', '20', '--ring-ms', '100', '--teardown-ms', '50', '--retention-ms', '1000',
      '--no-answer-ms', '3000', '--server-fqdn', 'um1.example.test', '--fail', 'reset', '--fail-count', '2',
      '--tls-key', 'k.pem', '--tls-cert', 'c.pem',
    ]);
    assert.equal(parsed.kind, 'run');
    if (parsed.kind !== 'run') return;
    assert.deepEqual(parsed.args, {
      options: {
        port: 8089, host: '0.0.0.0', username: 'svc', password: 'pw', latencyMs: 20, ringMs: 100,
        teardownMs: 50, retentionMs: 1000, noAnswerMs: 3000, serverFqdn: 'um1.example.test',
      },
      failure: { kind: 'reset', count: 2 },
      tlsKeyFile: 'k.pem',
      tlsCertFile: 'c.pem',
    });
  });

  it(`listens on port ${DEFAULT_CLI_PORT} when no port is given`, () => {
    const parsed = parseSimulatorCli([]);
    assert.equal(parsed.kind === 'run' && parsed.args.options.port, DEFAULT_CLI_PORT);
  });

  it('asks for help with --help or -h', () => {
    assert.equal(parseSimulatorCli(['--help']).kind, 'help');
    assert.equal(parseSimulatorCli(['-h']).kind, 'help');
  });

  it('refuses unknown flags, bad numbers and unknown failure kinds with a sentence naming the flag', () => {
    assert.match(messageOf(parseSimulatorCli(['--bogus'])), /--bogus/);
    assert.match(messageOf(parseSimulatorCli(['--port', '70000'])), /--port/);
    assert.match(messageOf(parseSimulatorCli(['--ring-ms', '-5'])), /--ring-ms/);
    assert.match(messageOf(parseSimulatorCli(['--latency-ms', '1.5'])), /--latency-ms/);
    assert.match(messageOf(parseSimulatorCli(['--fail', 'explode'])), /--fail must be one of http503/);
    assert.match(messageOf(parseSimulatorCli(['--fail-count', '2'])), /--fail-count needs --fail/);
  });

  it('refuses half a credential pair or half a TLS pair', () => {
    assert.match(messageOf(parseSimulatorCli(['--username', 'svc'])), /--username and --password together/);
    assert.match(messageOf(parseSimulatorCli(['--tls-cert', 'c.pem'])), /--tls-key and --tls-cert together/);
  });
});
