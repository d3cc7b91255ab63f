import { apiRoute } from '@/lib/api/api-route';
import { handleBulkDisconnect } from '@/lib/api/handlers/start-batch';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';

// A static segment: Next routes /calls/disconnect here, never to /calls/[callId].
export const dynamic = 'force-dynamic';

export const POST = apiRoute(handleBulkDisconnect);
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(['POST']);
