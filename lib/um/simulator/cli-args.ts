import { parseArgs } from 'node:util';
import { FAILURE_KINDS, isFailureKind } from './failure-plan';
import type { SimulatedFailure, UmSimulatorOptions } from './types';

export const DEFAULT_CLI_PORT = 8089;

export const USAGE = `Usage: npm run um-simulator -- [options]

Runs a stand-alone UM web service simulator (SOAP over HTTP, or HTTPS with --tls-key/--tls-cert).

Options:
  --port N            port to listen on (default ${DEFAULT_CLI_PORT}; 0 picks a free one)
  --host H            address to bind (default 127.0.0.1)
  --username U        require Basic auth with this user name ...
  --password P        ... and this password. A test tool only: a password on the command line
                      is visible to other users of this machine, so never reuse a real one.
  --latency-ms N      delay every response by N ms (default 0)
  --ring-ms N         a normal call rings N ms before it is Connected (default 1500)
  --teardown-ms N     a disconnected call ends N ms after Disconnect (default 300)
  --retention-ms N    ended calls stay queryable N ms (default 300000)
  --no-answer-ms N    a never-answering call rings N ms (default 90000)
  --server-fqdn NAME  UM server name embedded in CallIds (default um-sim-01.contoso.test)
  --fail KIND         answer requests with a failure: ${FAILURE_KINDS.join(', ')}
  --fail-count N      ... for the first N requests only (default: every request)
  --tls-key FILE      serve HTTPS with this PEM private key ...
  --tls-cert FILE     ... and this PEM certificate
  -h, --help          show this help
`;

export interface SimulatorCliArgs {
  readonly options: Omit<UmSimulatorOptions, 'tls' | 'log'>;
  readonly failure: SimulatedFailure | undefined;
  readonly tlsKeyFile: string | undefined;
  readonly tlsCertFile: string | undefined;
}

export type ParsedCli =
  | { readonly kind: 'help' }
  | { readonly kind: 'run'; readonly args: SimulatorCliArgs }
  | { readonly kind: 'error'; readonly message: string };

const NUMBER_FLAGS = {
  port: 'port',
  'latency-ms': 'latencyMs',
  'ring-ms': 'ringMs',
  'teardown-ms': 'teardownMs',
  'retention-ms': 'retentionMs',
  'no-answer-ms': 'noAnswerMs',
} as const;

/** Reads the command line; every mistake becomes one sentence for the person who typed it. */
export function parseSimulatorCli(argv: readonly string[]): ParsedCli {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        host: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        'server-fqdn': { type: 'string' },
        fail: { type: 'string' },
        'fail-count': { type: 'string' },
        'tls-key': { type: 'string' },
        'tls-cert': { type: 'string' },
        ...Object.fromEntries(Object.keys(NUMBER_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
      },
    }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : 'unreadable options';
    return { kind: 'error', message: `${message ?? 'unreadable options'}. See --help.` };
  }
  if (values.help) return { kind: 'help' };

  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const options: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(NUMBER_FLAGS)) {
    const raw = text(flag);
    if (raw === undefined) continue;
    const max = flag === 'port' ? 65_535 : 86_400_000;
    if (!/^\d+$/.test(raw) || Number(raw) > max) {
      return { kind: 'error', message: `--${flag} must be a whole number from 0 to ${max}, got "${raw.slice(0, 40)}".` };
    }
    options[key] = Number(raw);
  }
  options.port ??= DEFAULT_CLI_PORT;
  for (const [flag, key] of [['host', 'host'], ['username', 'username'], ['password', 'password'], ['server-fqdn', 'serverFqdn']] as const) {
    if (text(flag) !== undefined) options[key] = text(flag);
  }
  if ((text('username') === undefined) !== (text('password') === undefined)) {
    return { kind: 'error', message: 'Give --username and --password together.' };
  }
  if ((text('tls-key') === undefined) !== (text('tls-cert') === undefined)) {
    return { kind: 'error', message: 'Give --tls-key and --tls-cert together.' };
  }

  const failure = readFailure(text('fail'), text('fail-count'));
  if (typeof failure === 'string') return { kind: 'error', message: failure };
  return {
    kind: 'run',
    args: {
      options: options as SimulatorCliArgs['options'],
      failure,
      tlsKeyFile: text('tls-key'),
      tlsCertFile: text('tls-cert'),
    },
  };
}

function readFailure(kind: string | undefined, count: string | undefined): SimulatedFailure | undefined | string {
  if (kind === undefined) return count === undefined ? undefined : '--fail-count needs --fail.';
  if (!isFailureKind(kind)) return `--fail must be one of ${FAILURE_KINDS.join(', ')}; got "${kind.slice(0, 40)}".`;
  if (count === undefined) return { kind };
  if (!/^\d+$/.test(count) || Number(count) < 1) return `--fail-count must be a whole number of at least 1, got "${count.slice(0, 40)}".`;
  return { kind, count: Number(count) };
}
