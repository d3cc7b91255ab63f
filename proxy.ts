import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE_NAME } from '@/lib/auth/auth-cookies';
import { decideProxy, isPublicPath } from '@/lib/auth/proxy-decision';
import { arrivedOverHttps } from '@/lib/auth/request-origin';
import { getAuthSecret } from '@/lib/auth/secret';
import { isSessionExpired } from '@/lib/auth/session-lifetime';
import { getConfig } from '@/lib/config';
import { applySecurityHeaders, isApiPath, securityFor, type ResponseSecurity } from '@/lib/security/response-headers';
import { checkSameOriginRequest } from '@/lib/security/same-origin-request';

/**
 * Runs before every page and route but the REST API's: refuses cross-site requests that could
 * change something, sends signed-out visitors to /sign-in (and answers signed-out calls to the
 * board's routes with 401), and puts a fresh nonce Content-Security-Policy on every page — public,
 * error and not-found pages too. The session check is optimistic: pages, route handlers and
 * actions check the user and role against the database themselves.
 */
export async function proxy(request: NextRequest) {
  const https = arrivedOverHttps(request.headers, request.nextUrl.protocol);
  const security = securityFor(request.nextUrl.pathname, { development: getConfig().nodeEnv === 'development', https });
  const response = await answer(request, security);
  applySecurityHeaders(response.headers, security);
  return response;
}

async function answer(request: NextRequest, security: ResponseSecurity): Promise<NextResponse> {
  const { pathname } = request.nextUrl;
  const sameOrigin = checkSameOriginRequest(request.method, request.headers, security.https);
  if (!sameOrigin.ok) {
    // Nothing below runs: no action, no sign-in, no API call. A sentence, not a stack.
    return isApiPath(pathname)
      ? NextResponse.json({ error: { code: 'forbidden', message: sameOrigin.error.message } }, { status: 403 })
      : new NextResponse(`${sameOrigin.error.message}\n`, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  if (isPublicPath(pathname)) return pass(request, security);
  // Without a session cookie there is no session to read. getToken would otherwise take an API
  // call's `Authorization: Bearer` token for a session JWT and derive a key to try to decrypt it.
  const token = hasSessionCookie(request)
    ? await getToken({ req: request, secret: getAuthSecret(), cookieName: SESSION_COOKIE_NAME, secureCookie: false })
    : null;
  const decision = decideProxy({
    pathname,
    search: request.nextUrl.search,
    hasSession: token !== null && !isSessionExpired(token.signedInAt, Date.now()),
    hasBearer: /^Bearer\s/i.test(request.headers.get('authorization') ?? ''),
  });
  switch (decision.kind) {
    case 'pass':
      return pass(request, security);
    case 'sign-in':
      return NextResponse.redirect(new URL(decision.location, request.url));
    case 'unauthorized':
      return NextResponse.json(
        { error: { code: 'unauthenticated', message: 'Sign in first: this request needs a session or an API token.' } },
        { status: 401 },
      );
  }
}

// Next.js renders a page with the nonce it finds in the request's Content-Security-Policy, so
// the policy goes in both directions; whatever policy the client sent is replaced.
function pass(request: NextRequest, security: ResponseSecurity): NextResponse {
  if (!security.forRendering) return NextResponse.next();
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', security.policy);
  return NextResponse.next({ request: { headers } });
}

/** The session cookie, whole or in next-auth's numbered chunks (`umcc-session.0`, …). */
function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.getAll().some(({ name }) => name === SESSION_COOKIE_NAME || name.startsWith(`${SESSION_COOKIE_NAME}.`));
}

export const config = {
  // Static files never need a session or a nonce; everything else is decided above. /api/v1 does
  // its own cross-site check and headers (lib/api/api-endpoint.ts) and authenticates every call
  // itself: running the proxy first cost a token-authenticated call about 0.6 ms of its time.
  matcher: ['/((?!_next/static/|_next/image|favicon\\.ico$|robots\\.txt$|api/v1/).*)'],
};
