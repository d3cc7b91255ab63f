import { buildIfStale } from '../../lib/cli/build-if-stale';
import { startConsole } from './support/start-console';

/**
 * Builds when the sources changed since the last build, then runs one console against the
 * embedded simulator for the whole run. Workers inherit E2E_BASE_URL from this process.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  await buildIfStale({ root: process.cwd() });
  const server = await startConsole();
  process.env.E2E_BASE_URL = server.url;
  console.log(`e2e: the console runs at ${server.url}`);
  return async () => {
    await server.stop();
  };
}
