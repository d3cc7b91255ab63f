import { apiRoute } from '@/lib/api/api-route';
import { handleGetBatch } from '@/lib/api/handlers/get-batch';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(handleGetBatch);
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(['GET']);
