import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { fail, ok, type Result, type ResultError } from '../../result';
import type { Actor } from '../actor';
import type { Clock } from '../clock';
import { requestMetaFromHeaders } from '../request-meta';
import { hasAnyRole, ROLE_LABELS, type Role } from '../roles';
import { authenticateToken } from './authenticate-token';
import type { RateLimiter } from './rate-limit';

export type RequestAuthError = 'unauthenticated' | 'forbidden' | 'throttled';

/** A refusal; a throttled one says when to come back. */
export interface RequestAuthFailure extends ResultError<RequestAuthError> {
  readonly retryAfterSeconds?: number;
}

export type RequestAuthResult = { readonly ok: true; readonly data: Actor } | { readonly ok: false; readonly error: RequestAuthFailure };

export interface RequestAuthDeps {
  readonly db: Kysely<Database>;
  readonly clock?: Clock;
  /**
   * The browser session's check (lib/auth/require-role's authorize), used when the request has
   * no Authorization header. Absent: only tokens are accepted.
   */
  readonly session?: (roles: readonly Role[]) => Promise<Result<Actor, 'unauthenticated' | 'forbidden'>>;
  /** Requests per caller and window; absent: no limit (tests that are not about it). */
  readonly rateLimiter?: RateLimiter;
}

/** Roles that may call, or 'any' for every authenticated caller. */
export type RequestRoles = readonly Role[] | 'any';

const ALL_ROLES: readonly Role[] = ['viewer', 'auditor'];

/**
 * Who is calling an API route: `Authorization: Bearer <token>` first, else (same-origin browser
 * use) the session. The role is checked here, on every request, against the owner as they are now.
 */
export async function authorizeRequest(
  request: Request,
  roles: RequestRoles,
  deps: RequestAuthDeps,
): Promise<RequestAuthResult> {
  const required = roles === 'any' ? ALL_ROLES : roles;
  const meta = requestMetaFromHeaders(request.headers);
  const identified = await identify(request, required, deps, meta);
  // Counted per caller once known (a token, a signed-in person), else per source address, so a
  // flood of bad tokens is slowed down as well as a runaway script with a good one.
  const key = identified.ok
    ? `${identified.data.id}|${identified.data.authMethod}`
    : `address|${meta.sourceIp ?? 'unknown'}`;
  const decision = (await deps.rateLimiter?.take(key)) ?? { ok: true };
  if (!decision.ok) {
    return {
      ok: false,
      error: {
        code: 'throttled',
        message: `Too many requests; try again in ${decision.retryAfterSeconds} s.`,
        retryAfterSeconds: decision.retryAfterSeconds,
      },
    };
  }
  if (!identified.ok) return identified;
  if (!hasAnyRole(identified.data.role, required)) {
    const needed = required.map((role) => ROLE_LABELS[role]).join(' or ');
    return fail('forbidden', `This token's owner has the ${ROLE_LABELS[identified.data.role]} role; this needs ${needed}.`);
  }
  return ok(identified.data);
}

async function identify(
  request: Request,
  required: readonly Role[],
  deps: RequestAuthDeps,
  meta: ReturnType<typeof requestMetaFromHeaders>,
): Promise<Result<Actor, 'unauthenticated' | 'forbidden'>> {
  const header = request.headers.get('authorization');
  if (header === null) {
    // Without a cookie there is no session to look for.
    if (!deps.session || !request.headers.get('cookie')) {
      return fail('unauthenticated', 'Send an API token as "Authorization: Bearer <token>".');
    }
    return deps.session(required);
  }
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return fail('unauthenticated', 'The Authorization header must be "Bearer <token>".');
  return authenticateToken(deps.db, match[1], meta, deps.clock);
}
