import { getConfig } from '@/lib/config';
import { createUmClient, type UmClient } from '@/lib/um';

export type UmServiceMode = 'embedded' | 'remote';

/** The console's one connection to a UM web service. Server-only: it holds the credentials. */
export interface UmService {
  readonly client: UmClient;
  readonly mode: UmServiceMode;
  /** The endpoint URL, never with credentials. */
  readonly endpoint: string;
  readonly username: string | undefined;
  readonly timeoutMs: number;
  readonly maxConcurrency: number;
}

// Next can evaluate a server module more than once per process (one copy per bundle layer), so the
// singleton lives on globalThis; otherwise two copies could each start an embedded simulator.
const SERVICE_KEY = Symbol.for('um-call-console.um-service');
const holder = globalThis as typeof globalThis & { [SERVICE_KEY]?: Promise<UmService> };

/** The per-process UM service, created on first use; concurrent first calls share one creation. */
export function getUmService(): Promise<UmService> {
  let pending = holder[SERVICE_KEY];
  if (!pending) {
    pending = createUmService();
    holder[SERVICE_KEY] = pending;
    // A failed start is not cached: the next request tries again.
    pending.catch(() => {
      if (holder[SERVICE_KEY] === pending) holder[SERVICE_KEY] = undefined;
    });
  }
  return pending;
}

async function createUmService(): Promise<UmService> {
  const { um } = getConfig();
  const endpoint = um.url ?? (await startEmbeddedSimulator(um.username, um.password));
  const client = createUmClient({
    url: endpoint,
    username: um.username,
    password: um.password,
    timeoutMs: um.timeoutMs,
    caFile: um.caFile,
    maxConcurrency: um.maxConcurrency,
    maxResponseBytes: um.maxResponseBytes,
  });
  return {
    client,
    mode: um.url ? 'remote' : 'embedded',
    endpoint: client.endpoint,
    username: um.username,
    timeoutMs: um.timeoutMs,
    maxConcurrency: um.maxConcurrency,
  };
}

async function startEmbeddedSimulator(username: string | undefined, password: string | undefined): Promise<string> {
  // Loaded only when needed: a console with a real UM service never runs simulator code.
  const { startUmSimulator } = await import('@/lib/um/simulator');
  const simulator = await startUmSimulator({ host: '127.0.0.1', port: 0, username, password });
  console.log(`UM_SERVICE_URL is not set: using the embedded UM simulator at ${simulator.url}`);
  return simulator.url;
}
