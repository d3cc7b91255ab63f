import { authorizeRequest } from '../../auth/tokens/authorize-request';
import type { ApiContext } from '../api-context';
import { authError, jsonResponse } from '../json-response';
import { buildOpenApiDocument } from '../openapi/build-openapi';

/** GET /api/v1/openapi.json, for any authenticated caller. */
export async function handleOpenApi(request: Request, ctx: ApiContext): Promise<Response> {
  const auth = await authorizeRequest(request, 'any', ctx.auth);
  if (!auth.ok) return authError(auth.error);
  return jsonResponse(buildOpenApiDocument());
}
