import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Stored as `scrypt$N$r$p$salt$hash` (salt and hash base64url) so the cost can be raised later
// without breaking the hashes already stored: each one says how it was made.
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// scrypt needs 128·N·r bytes; Node's default limit (32 MiB) is exactly that for N=2^15, r=8,
// which it refuses. Allow headroom, and cap what a tampered stored string can make us allocate.
const MAX_MEMORY = 256 * 1024 * 1024;

export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing it costs nothing extra. */
export const MAX_PASSWORD_LENGTH = 1024;

interface ParsedHash {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function deriveKey(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, keyLength, { ...options, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** A new self-describing hash of `password` with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await deriveKey(password, salt, KEY_BYTES, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/**
 * Whether `password` matches `stored`. Never throws: a malformed or tampered stored string is
 * simply no match. The comparison takes the same time wherever the bytes differ.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  try {
    const candidate = await deriveKey(password, parsed.salt, parsed.hash.length, parsed);
    return timingSafeEqual(candidate, parsed.hash);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one real verification on nothing, for sign-ins with an unknown email, so
 * the response time does not tell which accounts exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(18).toString('base64url'));
  await verifyPassword(password, await dummyHash);
  return false;
}

function parseHash(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,8}$/.test(part) ? Number(part) : NaN));
  const salt = decodeBase64Url(parts[4]);
  const hash = decodeBase64Url(parts[5]);
  if (N === undefined || r === undefined || p === undefined || !salt || !hash) return undefined;
  const powerOfTwo = N >= 2 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N < 2 ** 14 || N > 2 ** 20 || r < 1 || r > 32 || p < 1 || p > 16) return undefined;
  if (128 * N * r > MAX_MEMORY / 2 || salt.length < 16 || hash.length < 16 || hash.length > 128) return undefined;
  return { N, r, p, salt, hash };
}

function decodeBase64Url(text: string | undefined): Buffer | undefined {
  if (!text || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  return Buffer.from(text, 'base64url');
}
