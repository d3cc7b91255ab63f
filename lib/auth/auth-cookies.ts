import type { CookiesOptions } from 'next-auth';

// Fixed names whatever the scheme (next-auth's defaults switch to `__Secure-` names under https),
// so the proxy and server components find the session without knowing how the request arrived.
export const SESSION_COOKIE_NAME = 'umcc-session';
const CSRF_COOKIE_NAME = 'umcc-csrf';
const CALLBACK_COOKIE_NAME = 'umcc-callback-url';

/** HttpOnly, SameSite=Lax, and Secure whenever the browser reached the console over https. */
export function authCookies(secure: boolean): Partial<CookiesOptions> {
  const options = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
  return {
    sessionToken: { name: SESSION_COOKIE_NAME, options },
    csrfToken: { name: CSRF_COOKIE_NAME, options },
    callbackUrl: { name: CALLBACK_COOKIE_NAME, options },
  };
}
