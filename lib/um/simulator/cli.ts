// Stand-alone UM simulator: `npm run um-simulator -- --port 8089`. Flags only; no environment.
import { readFileSync } from 'node:fs';
import { parseSimulatorCli, USAGE } from './cli-args';
import { describeDialStringConventions } from './scenarios';
import { startUmSimulator } from './server';
import type { UmSimulator, UmSimulatorOptions } from './types';

const EXIT_USAGE = 2;

function fail(message: string): never {
  process.stderr.write(`um-simulator: ${message}\n`);
  process.exit(EXIT_USAGE);
}

function readPem(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fail(`cannot read the TLS ${what} file "${path}".`);
  }
}

function describeStartError(error: unknown, host: string, port: number): string {
  const code = error && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  if (code === 'EADDRINUSE') return `port ${port} on ${host} is already in use; choose another with --port.`;
  if (code === 'EACCES') return `not allowed to listen on port ${port}; choose a port above 1023 with --port.`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `cannot listen on the address "${host}"; check --host.`;
  if (error instanceof RangeError) return error.message;
  if (code === 'ERR_OSSL_PEM_NO_START_LINE' || (typeof code === 'string' && code.startsWith('ERR_OSSL'))) {
    return 'the TLS key or certificate is not usable PEM; check --tls-key and --tls-cert.';
  }
  return 'the simulator could not start.';
}

async function main(): Promise<void> {
  const parsed = parseSimulatorCli(process.argv.slice(2));
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (parsed.kind === 'error') fail(parsed.message);
  const { options, failure, tlsKeyFile, tlsCertFile } = parsed.args;
  const settings: UmSimulatorOptions = {
    ...options,
    log: (line) => process.stdout.write(`${line}\n`),
    ...(tlsKeyFile && tlsCertFile ? { tls: { key: readPem(tlsKeyFile, 'key'), cert: readPem(tlsCertFile, 'certificate') } } : {}),
  };

  let simulator: UmSimulator;
  try {
    simulator = await startUmSimulator(settings);
  } catch (error) {
    return fail(describeStartError(error, options.host ?? '127.0.0.1', options.port ?? 0));
  }
  if (failure) simulator.injectFailure(failure);
  process.stdout.write(
    [
      `UM simulator listening on ${simulator.url}`,
      `Exchange 2007 endpoint: ${simulator.legacyUrl}`,
      ...(failure ? [`Injected failure: ${failure.kind}${failure.count ? ` for ${failure.count} request(s)` : ''}`] : []),
      'Dial-string conventions:',
      ...describeDialStringConventions(),
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  const stop = () => {
    void simulator.close().then(() => {
      process.stdout.write('UM simulator stopped.\n');
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
