// What this console keeps in next-auth's token and session, on top of next-auth's own fields.
import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    /** The users.id of the signed-in person (the token's `sub`). */
    userId?: string;
    /** When they signed in (epoch ms); the session ends 8 hours later, whatever happens meanwhile. */
    signedInAt?: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    signedInAt?: number;
  }
}
