import { authorizeRequest } from '../../auth/tokens/authorize-request';
import { cancelBatch } from '../../calls/bulk/control-batch';
import { batchDepsOf, type ApiContext } from '../api-context';
import { authError, jsonResponse } from '../json-response';
import { pathSegmentAfter } from '../path-segment';
import { errorResponse } from '../result-status';

/**
 * POST /api/v1/batches/{batchId}/cancel: calls not yet sent are never sent; calls in flight finish.
 * 200 with the batch; 404 unknown; 409 when it is finished or cancelled already.
 */
export async function handleCancelBatch(request: Request, ctx: ApiContext): Promise<Response> {
  const auth = await authorizeRequest(request, 'any', ctx.auth);
  if (!auth.ok) return authError(auth.error);
  const batchId = pathSegmentAfter(request, 'batches') ?? '';
  const deps = batchDepsOf(ctx);
  const result = await cancelBatch(deps, auth.data, batchId.slice(0, 100));
  if (!result.ok) return errorResponse(result.error);
  return jsonResponse({ batch: result.data });
}
