import { authorizeRequest } from '../../auth/tokens/authorize-request';
import { trackCall } from '../../calls/track-call';
import type { ApiContext } from '../api-context';
import { authError, jsonResponse } from '../json-response';
import { readJsonBody } from '../read-json-body';
import { errorResponse } from '../result-status';
import { trackCallBodySchema } from '../schemas';

/** POST /api/v1/calls {callId, label?}: 201 when newly tracked, 200 when it already was. */
export async function handleTrackCall(request: Request, ctx: ApiContext): Promise<Response> {
  // Any caller gets this far: a viewer's attempt is refused and audited by trackCall itself.
  const auth = await authorizeRequest(request, 'any', ctx.auth);
  if (!auth.ok) return authError(auth.error);
  const body = await readJsonBody(request, trackCallBodySchema);
  if (!body.ok) return errorResponse(body.error);
  const tracked = await trackCall(ctx.calls, auth.data, { callId: body.data.callId, label: body.data.label ?? null }, 'api');
  if (!tracked.ok) return errorResponse(tracked.error);
  return jsonResponse(tracked.data, tracked.data.alreadyTracked ? 200 : 201);
}
