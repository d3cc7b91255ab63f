import { authorizeRequest } from '../../auth/tokens/authorize-request';
import { startBatch } from '../../calls/bulk/start-batch';
import { batchDepsOf, type ApiContext } from '../api-context';
import { authError, jsonResponse } from '../json-response';
import { readJsonBody } from '../read-json-body';
import { errorResponse } from '../result-status';
import { bulkDisconnectBodySchema } from '../batch-schemas';

/** 1000 CallIds of the longest kind fit; anything bigger is refused before it is parsed. */
export const MAX_BULK_BODY_BYTES = 1536 * 1024;

/**
 * POST /api/v1/calls/disconnect {callIds[], reason, expectedCount?}: starts a bulk disconnect that
 * runs on the server (202 with its id and status URL). 400 invalid input or a typed count that does
 * not match (code confirmation-mismatch), 401/403 as elsewhere (a refusal is audited and nothing is
 * sent), 409 when one of the calls is waiting in another running batch.
 */
export async function handleBulkDisconnect(request: Request, ctx: ApiContext): Promise<Response> {
  // Any caller gets this far: startBatch refuses a viewer, audits the refusal, and sends nothing.
  const auth = await authorizeRequest(request, 'any', ctx.auth);
  if (!auth.ok) return authError(auth.error);
  const body = await readJsonBody(request, bulkDisconnectBodySchema, MAX_BULK_BODY_BYTES);
  if (!body.ok) return errorResponse(body.error);
  const deps = batchDepsOf(ctx);
  const started = await startBatch(deps, auth.data, {
    callIds: body.data.callIds,
    reason: body.data.reason,
    expectedCount: body.data.expectedCount ?? null,
  });
  if (!started.ok) return errorResponse(started.error);
  const statusUrl = `/api/v1/batches/${encodeURIComponent(started.data.batchId)}`;
  return jsonResponse({ ...started.data, statusUrl }, 202, { Location: statusUrl });
}
