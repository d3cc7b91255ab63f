import { buildAuditExportManifest } from '../../audit/export/build-export-manifest';
import { authorizeRequest } from '../../auth/tokens/authorize-request';
import type { ApiContext } from '../api-context';
import { authError } from '../json-response';
import { errorResponse } from '../result-status';

/**
 * GET …/audit/export/manifest?…: the signed manifest of the export with the same parameters
 * (pass the `through` of that export, or both pin to the head at the time of each request). Used
 * by /api/v1/audit/export/manifest (tokens or session) and by the audit page's links (session).
 */
export async function handleExportAuditManifest(request: Request, ctx: ApiContext): Promise<Response> {
  const auth = await authorizeRequest(request, ['auditor'], ctx.auth);
  if (!auth.ok) return authError(auth.error);
  const built = await buildAuditExportManifest(ctx.calls.db, auth.data, new URL(request.url).searchParams, { clock: ctx.calls.clock });
  if (!built.ok) return errorResponse(built.error);
  const { manifest, filename } = built.data;
  return new Response(`${JSON.stringify(manifest, null, 2)}\n`, {
    status: 200,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
