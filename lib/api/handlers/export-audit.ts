import { startAuditExport } from '../../audit/export/start-audit-export';
import { authorizeRequest } from '../../auth/tokens/authorize-request';
import type { ApiContext } from '../api-context';
import { authError } from '../json-response';
import { errorResponse } from '../result-status';

/**
 * GET …/audit/export?format=csv|ndjson&through=N&…: the filtered view as a streamed download. Used by
 * /api/v1/audit/export (tokens or session) and by the audit page's Export link (session).
 */
export async function handleExportAudit(request: Request, ctx: ApiContext): Promise<Response> {
  const auth = await authorizeRequest(request, ['auditor', 'operator'], ctx.auth);
  if (!auth.ok) return authError(auth.error);
  const started = await startAuditExport(ctx.calls.db, auth.data, new URL(request.url).searchParams, ctx.calls.clock);
  if (!started.ok) return errorResponse(started.error);
  const { stream, contentType, filename } = started.data;
  return new Response(stream, {
    status: 200,
    headers: {
      'Content-Type': contentType,
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
