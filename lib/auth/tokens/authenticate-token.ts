import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { fail, ok, type Result } from '../../result';
import type { Actor } from '../actor';
import { systemClock, type Clock } from '../clock';
import type { RequestMeta } from '../request-meta';
import { userActor } from '../user-actor';
import { findUserById } from '../users';
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
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'name', 'revoked_at', 'last_used_at'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return fail('unauthenticated', INVALID);
  const user = await findUserById(db, row.user_id);
  if (!user || user.disabledAt !== null) return fail('unauthenticated', INVALID);
  const now = clock();
  if (row.last_used_at === null || now - Number(row.last_used_at) >= LAST_USED_PRECISION_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return ok(userActor(user, `token:${row.name}`, meta.sourceIp, meta.userAgent));
}
