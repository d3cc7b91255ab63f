import type { NextRequest } from 'next/server';
import { parseCallView, parseStuckOnly } from '@/components/calls/board-view';
import { authorize } from '@/lib/auth/require-role';
import { getBoardSnapshot } from '@/lib/calls';
import { getRuntime } from '@/lib/runtime';

// Every answer is about this moment and this person: never cached by the browser or a proxy.
const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * The call board as JSON (BoardSnapshot), polled by every open board. It reads the database only:
 * the one server-side poller does the SOAP, so ten viewers cost the UM service nothing extra.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await authorize(['viewer']);
  if (!auth.ok) {
    const status = auth.error.code === 'unauthenticated' ? 401 : 403;
    return Response.json({ error: { code: auth.error.code, message: auth.error.message } }, { status, headers: NO_STORE });
  }
  const view = parseCallView(request.nextUrl.searchParams.get('view'));
  const { db, poller } = await getRuntime();
  const stuckOnly = parseStuckOnly(request.nextUrl.searchParams.get('stuck'));
  const snapshot = await getBoardSnapshot(db, poller, view, undefined, { stuckOnly });
  return Response.json(snapshot, { headers: NO_STORE });
}
