import { apiRoute } from '@/lib/api/api-route';
import { handleOpenApi } from '@/lib/api/handlers/openapi';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(handleOpenApi);
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(['GET']);
