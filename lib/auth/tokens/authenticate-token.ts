import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { fail, ok, type Result } from '../../result';
import type { Actor } from '../actor';
import { systemClock, type Clock } from '../clock';
import type { RequestMeta } from '../request-meta';
import { userActor } from '../user-actor';
import { toUserDto } from '../users';
import { hashToken, looksLikeToken } from './token-secret';

// last_used_at is for people reading the token list; a minute's precision spares a write per request.
const LAST_USED_PRECISION_MS = 60_000;

const INVALID = 'The API token is not valid: it is unknown, revoked, or its owner is disabled. Ask an administrator for a new one.';

/**
 * The person behind a bearer token, read fresh on every request: a revoked token, a disabled
 * owner or a changed role takes effect at the very next request.
 */
export async function authenticateToken(
  db: Kysely<Database>,
  token: string,
  meta: RequestMeta,
  clock: Clock = systemClock,
): Promise<Result<Actor, 'unauthenticated'>> {
  if (!looksLikeToken(token)) return fail('unauthenticated', INVALID);
  // The token and its owner in one read.
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select(['api_tokens.id as token_id', 'api_tokens.name as token_name', 'api_tokens.revoked_at', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return fail('unauthenticated', INVALID);
  const user = toUserDto(row);
  if (user.disabledAt !== null) return fail('unauthenticated', INVALID);
  const now = clock();
  if (row.last_used_at === null || now - Number(row.last_used_at) >= LAST_USED_PRECISION_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  }
  return ok(userActor(user, `token:${row.token_name}`, meta.sourceIp, meta.userAgent));
}
