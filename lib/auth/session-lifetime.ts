/**
 * A session lasts 8 hours from the moment of signing in, however often it is refreshed: the
 * sign-in time travels in the token and every check measures from it.
 */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

/** When a session begun at `signedInAt` ends (epoch ms). */
export function sessionEndsAt(signedInAt: number): number {
  return signedInAt + SESSION_LIFETIME_MS;
}

/**
 * Whether a session begun at `signedInAt` is over at `now`. A missing, non-numeric or future
 * sign-in time counts as over: such a token was not made by this console's sign-in.
 */
export function isSessionExpired(signedInAt: unknown, now: number): boolean {
  if (typeof signedInAt !== 'number' || !Number.isFinite(signedInAt)) return true;
  // A minute of leeway for clocks; a sign-in "from the future" beyond that is not believable.
  if (signedInAt > now + 60_000) return true;
  return now >= sessionEndsAt(signedInAt);
}

/**
 * Seconds a token issued at `now` may live: what is left of the 8 hours, never more. Used for
 * the JWT's own `exp`, so even a copied cookie stops working when the session ends.
 */
export function remainingSessionSeconds(signedInAt: number, now: number): number {
  return Math.max(0, Math.floor((sessionEndsAt(signedInAt) - now) / 1000));
}
