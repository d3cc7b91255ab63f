import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { requestMetaFromHeaders } from '@/lib/auth/request-meta';
import { requestOrigin } from '@/lib/auth/request-origin';
import { getAuthOptions } from '@/lib/auth/server-auth-options';

interface RouteContext {
  readonly params: Promise<{ nextauth: string[] }>;
}

// A sign-in form is a few hundred bytes; nothing legitimate comes near this.
const MAX_BODY_BYTES = 16 * 1024;

/** next-auth's endpoints (csrf, providers, session, callback/credentials, signout). */
async function handle(request: NextRequest, context: RouteContext): Promise<Response> {
  if (request.method === 'POST' && Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
    return Response.json({ error: { code: 'too-large', message: 'That request is too large.' } }, { status: 413 });
  }
  // Options per request: redirects and cookie security follow how this request arrived.
  const { origin, secure } = requestOrigin(request.headers);
  const options = getAuthOptions({ origin, secure, request: requestMetaFromHeaders(request.headers) });
  return (await NextAuth(request, context, options)) as Response;
}

export { handle as GET, handle as POST };
