import { apiRoute } from '@/lib/api/api-route';
import { handleDisconnectCall } from '@/lib/api/handlers/disconnect-call';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const POST = apiRoute(handleDisconnectCall);
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(['POST']);
