import { authorizeRequest } from '../../auth/tokens/authorize-request';
import { getCallRow } from '../../calls/list-calls';
import { checkCallId } from '../../um';
import type { ApiContext } from '../api-context';
import { apiError, authError, jsonResponse } from '../json-response';
import { pathSegmentAfter } from '../path-segment';

/** GET /api/v1/calls/{callId}: one tracked call, 404 when the console does not track it. */
export async function handleGetCall(request: Request, ctx: ApiContext): Promise<Response> {
  const auth = await authorizeRequest(request, ['viewer'], ctx.auth);
  if (!auth.ok) return authError(auth.error);
  const callId = pathSegmentAfter(request, 'calls') ?? '';
  const problem = checkCallId(callId);
  if (problem !== undefined) return apiError(400, 'invalid-input', problem, { callId: problem });
  const call = await getCallRow(ctx.calls.db, callId);
  if (!call) return apiError(404, 'not-found', 'The console does not track this call. Register it with POST /api/v1/calls first.');
  return jsonResponse({ call });
}
