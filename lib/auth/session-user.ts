import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { cache } from 'react';
import type { Actor } from './actor';
import { requestMetaFromHeaders } from './request-meta';
import { getAppDatabase, getAuthOptions } from './server-auth-options';
import { isSessionExpired } from './session-lifetime';
import { userActor } from './user-actor';
import { findUserById, type UserDto } from './users';

export type SessionUser =
  | { readonly kind: 'signed-out' }
  | { readonly kind: 'signed-in'; readonly user: UserDto; readonly actor: Actor };

/**
 * The person behind this request's session, loaded from the database every time: a user who was
 * disabled, deleted or given another role since signing in is treated as they are now. Cached
 * for one render, so the header and the page share the lookup.
 */
export const loadSessionUser = cache(async (): Promise<SessionUser> => {
  const session = await getServerSession(getAuthOptions());
  if (!session?.userId || isSessionExpired(session.signedInAt, Date.now())) return { kind: 'signed-out' };
  const user = await findUserById(await getAppDatabase(), session.userId);
  if (!user || user.disabledAt !== null) return { kind: 'signed-out' };
  const meta = requestMetaFromHeaders(await headers());
  return { kind: 'signed-in', user, actor: userActor(user, 'session', meta.sourceIp, meta.userAgent) };
});
