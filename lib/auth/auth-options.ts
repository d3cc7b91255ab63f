import type { Kysely } from 'kysely';
import type { NextAuthOptions } from 'next-auth';
import { encode } from 'next-auth/jwt';
import type { Database } from '../db/schema';
import { authCookies } from './auth-cookies';
import { authLogger, SessionExpiredError } from './auth-logger';
import { systemClock, type Clock } from './clock';
import { credentialsProvider } from './credentials-provider';
import type { RequestMeta } from './request-meta';
import { safeCallbackPath } from './safe-callback-path';
import { isSessionExpired, remainingSessionSeconds, SESSION_LIFETIME_MS } from './session-lifetime';
import { recordSignOut } from './sign-out';

export interface AuthOptionsContext {
  readonly secret: string;
  readonly getDb: () => Promise<Kysely<Database>>;
  /** Where the browser reached us; absolute redirects are built on it. */
  readonly origin?: string;
  /** Secure cookies: true when the request came over https. */
  readonly secure?: boolean;
  /** The request being answered, for the sign-out audit entry. */
  readonly request?: RequestMeta;
  readonly clock?: Clock;
}

const LIFETIME_SECONDS = SESSION_LIFETIME_MS / 1000;

/**
 * next-auth's options. Built per request by the auth route (the origin and cookie security
 * depend on how the request arrived); server components use the same options without a request,
 * which only read sessions.
 */
export function createAuthOptions(context: AuthOptionsContext): NextAuthOptions {
  const clock = context.clock ?? systemClock;
  return {
    secret: context.secret,
    providers: [credentialsProvider(context.getDb, clock)],
    session: { strategy: 'jwt', maxAge: LIFETIME_SECONDS },
    jwt: {
      maxAge: LIFETIME_SECONDS,
      // The token's own expiry never reaches past the end of the 8 hours, however it is refreshed.
      async encode(params) {
        const signedInAt = params.token?.signedInAt;
        const cap = typeof signedInAt === 'number' ? remainingSessionSeconds(signedInAt, clock()) : LIFETIME_SECONDS;
        return encode({ ...params, maxAge: Math.min(params.maxAge ?? LIFETIME_SECONDS, cap) });
      },
    },
    cookies: authCookies(context.secure ?? false),
    useSecureCookies: context.secure ?? false,
    pages: { signIn: '/sign-in', error: '/sign-in' },
    logger: authLogger,
    callbacks: {
      async jwt({ token, user }) {
        if (user) return { ...token, sub: user.id, signedInAt: clock() };
        if (isSessionExpired(token.signedInAt, clock())) throw new SessionExpiredError();
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: token.sub, signedInAt: token.signedInAt };
      },
      async redirect({ url, baseUrl }) {
        return `${context.origin ?? baseUrl}${safeCallbackPath(url)}`;
      },
    },
    events: {
      async signOut({ token }) {
        await recordSignOut(await context.getDb(), token, context.request ?? { sourceIp: null, userAgent: null }, clock);
      },
    },
  };
}
