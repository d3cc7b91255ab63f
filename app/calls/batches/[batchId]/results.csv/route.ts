import { authorize } from '@/lib/auth/require-role';
import { batchResultsCsv, batchResultsFilename, getBatch } from '@/lib/calls';
import { getRuntime } from '@/lib/runtime';

/** The result table of a bulk disconnect as a CSV download; viewers and up, like its page. */
export async function GET(_request: Request, { params }: { params: Promise<{ batchId: string }> }): Promise<Response> {
  const auth = await authorize(['viewer']);
  if (!auth.ok) {
    return new Response(`${auth.error.message}\n`, {
      status: auth.error.code === 'unauthenticated' ? 401 : 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  const { batchId } = await params;
  const { db } = await getRuntime();
  const batch = await getBatch(db, batchId);
  if (!batch) {
    return new Response('There is no such bulk disconnect.\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  return new Response(batchResultsCsv(batch), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${batchResultsFilename(batch)}"`,
      'Cache-Control': 'no-store',
    },
  });
}
