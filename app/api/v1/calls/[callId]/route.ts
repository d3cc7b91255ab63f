import { apiRoute } from '@/lib/api/api-route';
import { handleGetCall } from '@/lib/api/handlers/get-call';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(handleGetCall);
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(['GET']);
