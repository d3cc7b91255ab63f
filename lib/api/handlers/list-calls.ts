import { authorizeRequest } from '../../auth/tokens/authorize-request';
import { listCalls } from '../../calls/list-calls';
import type { CallView } from '../../calls/types';
import type { ApiContext } from '../api-context';
import { apiError, authError, jsonResponse } from '../json-response';

const VIEWS: readonly CallView[] = ['active', 'ended', 'all'];

/** GET /api/v1/calls?view=active|ended|all: tracked calls from the registry (no SOAP traffic). */
export async function handleListCalls(request: Request, ctx: ApiContext): Promise<Response> {
  const auth = await authorizeRequest(request, ['viewer'], ctx.auth);
  if (!auth.ok) return authError(auth.error);
  const view = new URL(request.url).searchParams.get('view') ?? 'active';
  if (!(VIEWS as readonly string[]).includes(view)) {
    const message = 'view: choose active, ended or all.';
    return apiError(400, 'invalid-input', message, { view: message });
  }
  return jsonResponse({ calls: await listCalls(ctx.calls.db, view as CallView) });
}
