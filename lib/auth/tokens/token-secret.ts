import { createHash, randomBytes } from 'node:crypto';

// `umcc_` + 32 random bytes (256 bits) in base64url: guessing one is hopeless, so a fast hash
// (sha-256) is enough to keep stored hashes useless to whoever reads the database.
const TOKEN_PREFIX = 'umcc_';
const TOKEN_PATTERN = /^umcc_[A-Za-z0-9_-]{43}$/;
const SHOWN_PREFIX_LENGTH = 12;

export interface NewTokenSecret {
  /** The whole token: shown once, never stored. */
  readonly token: string;
  readonly hash: string;
  /** Safe to show in lists: "umcc_AbCdEfG". */
  readonly prefix: string;
}

export function generateTokenSecret(): NewTokenSecret {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, SHOWN_PREFIX_LENGTH) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a string has the shape of one of our tokens (checked before any lookup). */
export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}
