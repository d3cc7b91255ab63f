import type { ApiContext } from '@/lib/api/api-context';
import { handleExportAudit } from '@/lib/api/handlers/export-audit';
import { withApiErrors } from '@/lib/api/with-api-errors';
import { authorize } from '@/lib/auth/require-role';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/**
 * The audit page's Export: the signed-in person's session only (no tokens here), the page's own
 * query string (tab and filters), the whole filtered view rather than one page.
 */
export function GET(request: Request): Promise<Response> {
  return withApiErrors(async () => {
    const runtime = await getRuntime();
    const ctx: ApiContext = { calls: runtime.deps, auth: { db: runtime.db, session: (roles) => authorize(roles) } };
    // A bearer header is ignored here: this download belongs to the browser session.
    const headers = new Headers(request.headers);
    headers.delete('authorization');
    return handleExportAudit(new Request(request.url, { method: 'GET', headers }), ctx);
  });
}
