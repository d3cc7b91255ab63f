import { getConfig } from '@/lib/config';
import { getUmService, type UmServiceMode } from './get-um-service';

/** What a page may show about the UM connection: no client, no password. */
export interface UmServiceDescription {
  readonly mode: UmServiceMode;
  /** Undefined only when the embedded simulator could not be started. */
  readonly endpoint: string | undefined;
  readonly username: string | undefined;
  readonly timeoutMs: number;
  readonly maxConcurrency: number;
}

/** Describes the configured UM service, even when the connection to it could not be set up. */
export async function describeUmService(): Promise<UmServiceDescription> {
  const { um } = getConfig();
  const endpoint = await getUmService().then(
    (service) => service.endpoint,
    () => um.url,
  );
  return {
    mode: um.url ? 'remote' : 'embedded',
    endpoint,
    username: um.username,
    timeoutMs: um.timeoutMs,
    maxConcurrency: um.maxConcurrency,
  };
}

/** Whether the console runs against its embedded simulator; needs no connection. */
export function usesEmbeddedSimulator(): boolean {
  return getConfig().um.url === undefined;
}
