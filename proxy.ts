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
  const token = await getToken({ req: request, secret: getAuthSecret(), cookieName: SESSION_COOKIE_NAME, secureCookie: false });
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

export const config = {
  // Static files never need a session; everything else is decided above.
  matcher: ['/((?!_next/static/|_next/image|favicon\\.ico$|robots\\.txt$).*)'],
};
