// Shared by the server (which names what went wrong) and the sign-in form (which says it in
// words). next-auth carries the code from authorize() to the browser in its `error` value, so
// the code and the retry time travel as one short string: `throttled-account.1767312345000`.

export type SignInErrorCode = 'bad-credentials' | 'throttled-account' | 'throttled-address' | 'disabled' | 'unavailable';

export interface SignInError {
  readonly code: SignInErrorCode;
  /** When trying again can work (epoch ms), for the throttled codes. */
  readonly retryAt?: number;
}

const CODES: readonly SignInErrorCode[] = ['bad-credentials', 'throttled-account', 'throttled-address', 'disabled', 'unavailable'];

export function encodeSignInError(error: SignInError): string {
  return error.retryAt === undefined ? error.code : `${error.code}.${error.retryAt}`;
}

/** Reads an `error` value back; next-auth's own CredentialsSignin means wrong email or password. */
export function decodeSignInError(value: string | null | undefined): SignInError | undefined {
  if (!value) return undefined;
  if (value === 'CredentialsSignin') return { code: 'bad-credentials' };
  const [code, retry] = value.split('.', 2);
  if (!CODES.includes(code as SignInErrorCode)) return undefined;
  const retryAt = retry !== undefined && /^\d{1,15}$/.test(retry) ? Number(retry) : undefined;
  return retryAt === undefined ? { code: code as SignInErrorCode } : { code: code as SignInErrorCode, retryAt };
}

/** "02:45 UTC": the throttle window is 15 minutes, so the time of day is enough. */
export function formatRetryTime(retryAt: number): string {
  return `${new Date(retryAt).toISOString().slice(11, 16)} UTC`;
}

const GENERIC = 'Signing in did not work. Try again; if it keeps failing, ask an administrator.';

/** The sentence the sign-in form shows. Never says whether the email or the password was wrong. */
export function describeSignInError(error: SignInError | undefined): string {
  if (!error) return GENERIC;
  const after = error.retryAt === undefined ? 'in 15 minutes' : `after ${formatRetryTime(error.retryAt)}`;
  switch (error.code) {
    case 'bad-credentials':
      return 'Wrong email or password.';
    case 'throttled-account':
      return `Too many failed sign-ins for this account. Try again ${after}.`;
    case 'throttled-address':
      return `Too many failed sign-ins from your network address. Try again ${after}.`;
    case 'disabled':
      return 'This account is disabled. Ask an administrator to enable it.';
    case 'unavailable':
      return 'Signing in is not possible right now. Try again in a minute; the server log says what is wrong.';
  }
}
