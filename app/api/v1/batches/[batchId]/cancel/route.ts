import { apiRoute } from '@/lib/api/api-route';
import { handleCancelBatch } from '@/lib/api/handlers/cancel-batch';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const POST = apiRoute(handleCancelBatch);
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(['POST']);
