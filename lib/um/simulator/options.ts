import type { UmSimulatorOptions } from './types';

export const DEFAULT_SERVER_FQDN = 'um-sim-01.contoso.test';

export interface ResolvedOptions {
  readonly host: string;
  readonly port: number;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly ringMs: number;
  readonly teardownMs: number;
  readonly retentionMs: number;
  readonly noAnswerMs: number;
  readonly latencyMs: number;
  readonly serverFqdn: string;
}

const FQDN = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Fills in defaults and refuses values that would make the simulator behave nonsensically. */
export function resolveOptions(options: UmSimulatorOptions): ResolvedOptions {
  const serverFqdn = options.serverFqdn ?? DEFAULT_SERVER_FQDN;
  if (!FQDN.test(serverFqdn)) throw new RangeError(`serverFqdn must be a host name, got "${serverFqdn.slice(0, 100)}".`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`port must be a whole number from 0 to 65535, got ${port}.`);
  }
  if (options.password !== undefined && options.username === undefined) {
    throw new RangeError('A password was given without a username.');
  }
  if (options.username?.includes(':')) throw new RangeError('A Basic-auth username cannot contain ":".');
  return {
    host: options.host ?? '127.0.0.1',
    port,
    username: options.username,
    password: options.password,
    ringMs: checkDuration('ringMs', options.ringMs ?? 1_500),
    teardownMs: checkDuration('teardownMs', options.teardownMs ?? 300),
    retentionMs: checkDuration('retentionMs', options.retentionMs ?? 300_000),
    noAnswerMs: checkDuration('noAnswerMs', options.noAnswerMs ?? 90_000),
    latencyMs: checkDuration('latencyMs', options.latencyMs ?? 0),
    serverFqdn,
  };
}

/** Durations are whole milliseconds from 0 to one day. */
export function checkDuration(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 86_400_000) {
    throw new RangeError(`${name} must be a whole number of milliseconds from 0 to 86400000, got ${value}.`);
  }
  return value;
}
