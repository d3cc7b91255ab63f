import { handleExportAuditManifest } from '@/lib/api/handlers/export-audit-manifest';
import { sessionOnlyRoute } from '@/lib/api/session-only-route';

export const dynamic = 'force-dynamic';

/**
 * The audit page's "manifest" links: the signed manifest of the export with the same query string,
 * for the signed-in session only. The handler checks the role (auditor or admin).
 */
export const GET = sessionOnlyRoute(handleExportAuditManifest);
