import { authorizeRequest } from '../../auth/tokens/authorize-request';
import { disconnectCall } from '../../calls/disconnect-call';
import type { DisconnectResult } from '../../calls/types';
import type { ApiContext } from '../api-context';
import { apiError, authError, jsonResponse } from '../json-response';
import { pathSegmentAfter } from '../path-segment';
import { readJsonBody } from '../read-json-body';
import { errorResponse } from '../result-status';
import { disconnectBodySchema } from '../schemas';

/**
 * POST /api/v1/calls/{callId}/disconnect {reason}: the same workflow (and audit pair) as the
 * browser's, with the token's name as the auth method. 200 for confirmed / accepted /
 * already-ended; 502 when the UM service failed, 504 when it did not answer in time — both with
 * the attempt's outcome and audit id beside the error.
 */
export async function handleDisconnectCall(request: Request, ctx: ApiContext): Promise<Response> {
  // Any caller gets this far: disconnectCall refuses a viewer, audits the refusal, and sends nothing.
  const auth = await authorizeRequest(request, 'any', ctx.auth);
  if (!auth.ok) return authError(auth.error);
  const body = await readJsonBody(request, disconnectBodySchema);
  if (!body.ok) return errorResponse(body.error);
  const callId = pathSegmentAfter(request, 'calls') ?? '';
  const result = await disconnectCall(ctx.calls, auth.data, { callId, reason: body.data.reason });
  if (!result.ok) return errorResponse(result.error);
  return disconnectResponse(result.data);
}

function disconnectResponse(result: DisconnectResult): Response {
  const body = {
    outcome: result.outcome,
    auditId: result.auditSeq,
    attemptId: result.attemptId,
    message: result.message,
    faultCode: result.faultCode,
    umLatencyMs: result.umLatencyMs,
    endLatencyMs: result.endLatencyMs,
  };
  if (result.outcome !== 'failed' && result.outcome !== 'unknown') return jsonResponse(body);
  return result.faultCode === 'timeout'
    ? apiError(504, 'um-timeout', result.message, undefined, body)
    : apiError(502, 'um-error', result.message, undefined, body);
}
