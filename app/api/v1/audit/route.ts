import { apiRoute } from '@/lib/api/api-route';
import { handleListAudit } from '@/lib/api/handlers/list-audit';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(handleListAudit);
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(['GET']);
