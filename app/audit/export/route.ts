import { handleExportAudit } from '@/lib/api/handlers/export-audit';
import { sessionOnlyRoute } from '@/lib/api/session-only-route';

export const dynamic = 'force-dynamic';

/**
 * The audit page's Export: the signed-in person's session only (no tokens here), the page's own
 * query string (tab, filters and the `through` it was rendered at), the whole filtered view rather
 * than one page. The handler checks the role (auditor, operator for their own entries, admin).
 */
export const GET = sessionOnlyRoute(handleExportAudit);
