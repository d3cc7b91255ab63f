import type { ApiContext } from './api-context';
import { apiEndpoint } from './api-endpoint';
import { getApiContext } from './runtime-context';
import { withApiErrors } from './with-api-errors';

/** A /api/v1 route handler over the running console's context, failing as JSON whatever happens. */
export function apiRoute(handler: (request: Request, ctx: ApiContext) => Promise<Response>): (request: Request) => Promise<Response> {
  return apiEndpoint((request) => withApiErrors(async () => handler(request, await getApiContext())));
}
