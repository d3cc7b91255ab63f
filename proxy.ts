import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE_NAME } from '@/lib/auth/auth-cookies';
import { decideProxy, isPublicPath } from '@/lib/auth/proxy-decision';
import { getAuthSecret } from '@/lib/auth/secret';
import { isSessionExpired } from '@/lib/auth/session-lifetime';

/**
 * Sends signed-out visitors to /sign-in before any page renders, and answers signed-out API
 * calls with 401. An optimistic check on the session token only: the pages, route handlers and
 * actions check the user and role against the database themselves.
 */
export async function proxy(request: NextRequest) {
  if (isPublicPath(request.nextUrl.pathname)) return NextResponse.next();
  // Without a session cookie there is no session to read. getToken would otherwise take an API
  // call's `Authorization: Bearer` token for a session JWT and derive a key to try to decrypt it.
  const token = hasSessionCookie(request)
    ? await getToken({ req: request, secret: getAuthSecret(), cookieName: SESSION_COOKIE_NAME, secureCookie: false })
    : null;
  const decision = decideProxy({
    pathname: request.nextUrl.pathname,
    search: request.nextUrl.search,
    hasSession: token !== null && !isSessionExpired(token.signedInAt, Date.now()),
    hasBearer: /^Bearer\s/i.test(request.headers.get('authorization') ?? ''),
  });
  switch (decision.kind) {
    case 'pass':
      return NextResponse.next();
    case 'sign-in':
      return NextResponse.redirect(new URL(decision.location, request.url));
    case 'unauthorized':
      return NextResponse.json(
        { error: { code: 'unauthenticated', message: 'Sign in first: this request needs a session or an API token.' } },
        { status: 401 },
      );
  }
}

/** The session cookie, whole or in next-auth's numbered chunks (`umcc-session.0`, …). */
function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.getAll().some(({ name }) => name === SESSION_COOKIE_NAME || name.startsWith(`${SESSION_COOKIE_NAME}.`));
}

export const config = {
  // Static files never need a session; everything else is decided above.
  matcher: ['/((?!_next/static/|_next/image|favicon\\.ico$|robots\\.txt$).*)'],
};
