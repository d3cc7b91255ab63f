import type { Kysely } from 'kysely';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { Database } from '../db/schema';
import type { Clock } from './clock';
import { requestMetaFromHeaders } from './request-meta';
import { signInWithPassword } from './sign-in';
import { encodeSignInError } from './sign-in-errors';

/**
 * Email and password against the console's own users table. A refusal is thrown as an Error
 * whose message is an encoded SignInError: next-auth hands that to the browser as `error`, and
 * the sign-in form turns it into a sentence (with the time to try again when throttled).
 */
export function credentialsProvider(getDb: () => Promise<Kysely<Database>>, clock: Clock) {
  return CredentialsProvider({
    id: 'credentials',
    name: 'Email and password',
    credentials: {
      email: { label: 'Email', type: 'email' },
      password: { label: 'Password', type: 'password' },
    },
    async authorize(credentials, request) {
      const meta = requestMetaFromHeaders(request.headers ?? {});
      let result;
      try {
        result = await signInWithPassword(
          await getDb(),
          { email: String(credentials?.email ?? ''), password: String(credentials?.password ?? ''), ...meta },
          clock,
        );
      } catch (error) {
        console.error('Sign-in could not be checked or recorded:', error);
        throw new Error(encodeSignInError({ code: 'unavailable' }));
      }
      if (!result.ok) throw new Error(encodeSignInError(result.error));
      return { id: result.user.id, email: result.user.email, name: result.user.displayName };
    },
  });
}
