import { authorize } from '../auth/require-role';
import { getApiRateLimiter } from '../auth/tokens/rate-limit';
import { getRuntime } from '../runtime';
import type { ApiContext } from './api-context';

/** The running console's API context: its runtime, tokens, and the browser session as a fallback. */
export async function getApiContext(): Promise<ApiContext> {
  const runtime = await getRuntime();
  return {
    calls: runtime.deps,
    auth: { db: runtime.db, session: (roles) => authorize(roles), rateLimiter: getApiRateLimiter(runtime.db) },
    batchConcurrency: runtime.batchDeps.maxConcurrency,
    bulkPrecheckMaxAgeMs: runtime.batchDeps.precheckMaxAgeMs ?? 0,
  };
}
