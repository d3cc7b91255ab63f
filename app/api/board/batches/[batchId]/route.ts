import { authorize } from '@/lib/auth/require-role';
import { getBatch } from '@/lib/calls';
import { getRuntime } from '@/lib/runtime';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** A bulk disconnect's progress and results (Batch), polled by its run page; viewers and up. */
export async function GET(_request: Request, { params }: { params: Promise<{ batchId: string }> }): Promise<Response> {
  const auth = await authorize(['viewer']);
  if (!auth.ok) {
    const status = auth.error.code === 'unauthenticated' ? 401 : 403;
    return Response.json({ error: { code: auth.error.code, message: auth.error.message } }, { status, headers: NO_STORE });
  }
  const { batchId } = await params;
  const { db } = await getRuntime();
  const batch = await getBatch(db, batchId);
  if (!batch) return Response.json({ error: { code: 'not-found', message: 'There is no such bulk disconnect.' } }, { status: 404, headers: NO_STORE });
  return Response.json(batch, { headers: NO_STORE });
}
