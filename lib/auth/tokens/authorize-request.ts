import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { fail, ok, type Result } from '../../result';
import type { Actor } from '../actor';
import type { Clock } from '../clock';
import { requestMetaFromHeaders } from '../request-meta';
import { hasAnyRole, ROLE_LABELS, type Role } from '../roles';
import { authenticateToken } from './authenticate-token';

export type RequestAuthError = 'unauthenticated' | 'forbidden';

export interface RequestAuthDeps {
  readonly db: Kysely<Database>;
  readonly clock?: Clock;
  /**
   * The browser session's check (lib/auth/require-role's authorize), used when the request has
   * no Authorization header. Absent: only tokens are accepted.
   */
  readonly session?: (roles: readonly Role[]) => Promise<Result<Actor, RequestAuthError>>;
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
): Promise<Result<Actor, RequestAuthError>> {
  const required = roles === 'any' ? ALL_ROLES : roles;
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
  const actor = await authenticateToken(deps.db, match[1], requestMetaFromHeaders(request.headers), deps.clock);
  if (!actor.ok) return actor;
  if (!hasAnyRole(actor.data.role, required)) {
    const needed = required.map((role) => ROLE_LABELS[role]).join(' or ');
    return fail('forbidden', `This token's owner has the ${ROLE_LABELS[actor.data.role]} role; this needs ${needed}.`);
  }
  return ok(actor.data);
}
