import { authorize } from '../auth/require-role';
import { getRuntime } from '../runtime';
import type { ApiContext } from './api-context';
import { withApiErrors } from './with-api-errors';

/**
 * A handler of the REST API served to the signed-in person's browser session only: a bearer
 * header is ignored, so a page's download link never acts with a token (the audit page's exports).
 */
export function sessionOnlyRoute(handler: (request: Request, ctx: ApiContext) => Promise<Response>): (request: Request) => Promise<Response> {
  return (request) =>
    withApiErrors(async () => {
      const runtime = await getRuntime();
      const ctx: ApiContext = { calls: runtime.deps, auth: { db: runtime.db, session: (roles) => authorize(roles) } };
      const headers = new Headers(request.headers);
      headers.delete('authorization');
      return handler(new Request(request.url, { method: 'GET', headers }), ctx);
    });
}
