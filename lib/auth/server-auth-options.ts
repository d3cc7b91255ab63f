import type { NextAuthOptions } from 'next-auth';
import { getDatabase } from '../db/get-database';
import { createAuthOptions, type AuthOptionsContext } from './auth-options';
import { getAuthSecret } from './secret';

export const getAppDatabase = () => getDatabase().then((open) => open.db);

/** The app's next-auth options for reading sessions (server components, actions, route handlers). */
export function getAuthOptions(request: Omit<AuthOptionsContext, 'secret' | 'getDb'> = {}): NextAuthOptions {
  return createAuthOptions({ secret: getAuthSecret(), getDb: getAppDatabase, ...request });
}
