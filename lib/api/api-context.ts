import type { RequestAuthDeps } from '../auth/tokens/authorize-request';
import type { BatchDeps } from '../calls/bulk/batch-types';
import type { DisconnectDeps } from '../calls/deps';

/** What the API's handlers work with: passed in, so tests hand over a temp database and a simulator. */
export interface ApiContext {
  /** The database, the UM client and the verification deadline, as lib/calls takes them. */
  readonly calls: DisconnectDeps;
  /** How callers are identified: tokens, and (in the running app) the browser session. */
  readonly auth: RequestAuthDeps;
  /** Calls a bulk disconnect sends at once (UM_MAX_CONCURRENCY); default DEFAULT_BATCH_CONCURRENCY. */
  readonly batchConcurrency?: number;
  /** BULK_PRECHECK_MAX_AGE_MS for bulk disconnects; default 0 (a fresh pre-check for every call). */
  readonly bulkPrecheckMaxAgeMs?: number;
}

export const DEFAULT_BATCH_CONCURRENCY = 16;

/** What a bulk disconnect started or controlled through the API runs with. */
export function batchDepsOf(ctx: ApiContext): BatchDeps {
  return { ...ctx.calls, maxConcurrency: ctx.batchConcurrency ?? DEFAULT_BATCH_CONCURRENCY, precheckMaxAgeMs: ctx.bulkPrecheckMaxAgeMs ?? 0 };
}
