import type { LoggerInstance } from 'next-auth';

// next-auth's own logging, minus two things that are expected here and would only alarm:
// - NEXTAUTH_URL: deliberately unset; redirects are built from each request (see request-origin.ts);
// - a session that ended (its 8 hours are up, or the token expired): the person signs in again.
export const authLogger: Partial<LoggerInstance> = {
  error(code, metadata) {
    if (code === 'JWT_SESSION_ERROR' && isSessionEnd(metadata)) return;
    console.error(`[auth] ${code}`, metadata);
  },
  warn(code) {
    if (code === 'NEXTAUTH_URL') return;
    console.warn(`[auth] next-auth warning ${code}`);
  },
  debug() {},
};

function isSessionEnd(metadata: unknown): boolean {
  const name = metadata instanceof Error ? metadata.name : (metadata as { name?: unknown } | null)?.name;
  // An undecryptable cookie is what every old session looks like after the secret changed.
  return name === 'JWTExpired' || name === 'SessionExpiredError' || name === 'JWEDecryptionFailed';
}

/** Thrown by the jwt callback once a session's 8 hours are over; next-auth then clears the cookie. */
export class SessionExpiredError extends Error {
  constructor() {
    super('The session has ended: sign in again.');
    this.name = 'SessionExpiredError';
  }
}
