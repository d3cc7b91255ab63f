// The server process's shared state: database, UM service, the one status poller. Server-only.
export { getRuntime, stopRuntime } from './get-runtime';
export type { Runtime } from './get-runtime';
