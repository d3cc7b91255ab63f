import { apiRoute } from '@/lib/api/api-route';
import { handleExportAuditManifest } from '@/lib/api/handlers/export-audit-manifest';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(handleExportAuditManifest);
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(['GET']);
