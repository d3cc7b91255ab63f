import { apiRoute } from '@/lib/api/api-route';
import { handleExportAudit } from '@/lib/api/handlers/export-audit';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(handleExportAudit);
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(['GET']);
