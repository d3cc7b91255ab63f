import { authorizeRequest } from '../../auth/tokens/authorize-request';
import { getBatch } from '../../calls/bulk/get-batch';
import type { ApiContext } from '../api-context';
import { apiError, authError, jsonResponse } from '../json-response';
import { pathSegmentAfter } from '../path-segment';

/** GET /api/v1/batches/{batchId}: a bulk disconnect's status, counts and every call's outcome. */
export async function handleGetBatch(request: Request, ctx: ApiContext): Promise<Response> {
  const auth = await authorizeRequest(request, ['viewer', 'auditor'], ctx.auth);
  if (!auth.ok) return authError(auth.error);
  const batchId = pathSegmentAfter(request, 'batches') ?? '';
  const batch = batchId.length <= 100 ? await getBatch(ctx.calls.db, batchId) : null;
  if (!batch) return apiError(404, 'not-found', 'There is no bulk disconnect with this id.');
  return jsonResponse({ batch });
}
