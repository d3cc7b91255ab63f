import { createHash, timingSafeEqual } from 'node:crypto';

export const AUTH_REALM = 'UM simulator';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Returns a checker for `Authorization: Basic …`, or undefined when no account is configured.
 * Both sides are hashed first so the comparison runs on equal-length buffers in constant time.
 */
export function createBasicAuthCheck(
  username: string | undefined,
  password: string | undefined,
): ((header: string | undefined) => boolean) | undefined {
  if (username === undefined) return undefined;
  const expected = digest(`${username}:${password ?? ''}`);
  return (header) => {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
    const given = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    const same = timingSafeEqual(digest(given), expected);
    return match !== null && same;
  };
}

export function authChallenge(): string {
  return `Basic realm="${AUTH_REALM}"`;
}
