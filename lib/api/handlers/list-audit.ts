import { parseAuditFilter, parseAuditPage } from '../../audit/audit-filter';
import { ATTEMPTS_VIEW, EVENTS_VIEW, parseAuditView } from '../../audit/export/export-views';
import { scopeAuditFilter } from '../../audit/export/read-export-request';
import { authorizeRequest } from '../../auth/tokens/authorize-request';
import type { ApiContext } from '../api-context';
import { authError, jsonResponse } from '../json-response';
import { errorResponse } from '../result-status';

/**
 * GET /api/v1/audit: the audit page's view through the API — the same parameters (tab, actor,
 * action, outcome, callId, from, to, q), the same query and order, keyset pages via `cursor`.
 * Operators see only their own entries, as on the page.
 */
export async function handleListAudit(request: Request, ctx: ApiContext): Promise<Response> {
  const auth = await authorizeRequest(request, ['auditor', 'operator'], ctx.auth);
  if (!auth.ok) return authError(auth.error);
  const params = new URL(request.url).searchParams;
  const filter = parseAuditFilter(params);
  if (!filter.ok) return errorResponse(filter.error);
  const page = parseAuditPage(params);
  if (!page.ok) return errorResponse(page.error);
  const scoped = scopeAuditFilter(filter.data, auth.data);
  const tab = parseAuditView(params.get('tab'));
  const { cursor, limit } = page.data;
  if (tab === 'events') {
    const result = await EVENTS_VIEW.fetch(ctx.calls.db, scoped, cursor, limit);
    return jsonResponse({ tab, items: result.items.map(EVENTS_VIEW.toJson), nextCursor: result.nextCursor });
  }
  const result = await ATTEMPTS_VIEW.fetch(ctx.calls.db, scoped, cursor, limit);
  return jsonResponse({ tab, items: result.items.map(ATTEMPTS_VIEW.toJson), nextCursor: result.nextCursor });
}
