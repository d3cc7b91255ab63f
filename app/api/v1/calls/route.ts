import { apiRoute } from '@/lib/api/api-route';
import { handleListCalls } from '@/lib/api/handlers/list-calls';
import { handleTrackCall } from '@/lib/api/handlers/track-call';
import { methodsNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(handleListCalls);
export const POST = apiRoute(handleTrackCall);
export const { PUT, PATCH, DELETE } = methodsNotAllowed(['GET', 'POST']);
