// next-auth's endpoints spoken to directly: the CSRF token pair, credentials posts with any
// callbackUrl or header, and the cookies that come back.

export interface CsrfPair {
  readonly csrfToken: string;
  /** The `umcc-csrf` cookie that goes with the token, as a Cookie header fragment. */
  readonly cookie: string;
}

/** GET /api/auth/csrf: the token for the form, and the cookie it is checked against. */
export async function fetchCsrfPair(baseUrl: string): Promise<CsrfPair> {
  const response = await fetch(`${baseUrl}/api/auth/csrf`);
  if (!response.ok) throw new Error(`/api/auth/csrf answered HTTP ${response.status}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { csrfToken, cookie: cookieHeader(response) };
}

/** `name=value; …` of every Set-Cookie of a response, to send back. */
export function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';', 1)[0])
    .join('; ');
}

/** The Set-Cookie line of one cookie, or undefined. */
export function setCookieLine(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
}

export interface CredentialsPost {
  readonly email: string;
  readonly password: string;
  /** Omitted: the form sends none. */
  readonly callbackUrl?: string;
  /** next-auth's client asks for `{ url }` as JSON instead of a redirect. */
  readonly json?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  /** Extra cookies besides the CSRF pair's. */
  readonly cookie?: string;
}

/** POST /api/auth/callback/credentials with a valid CSRF pair, as the sign-in form does; no redirects followed. */
export function postCredentials(baseUrl: string, csrf: CsrfPair, post: CredentialsPost): Promise<Response> {
  const form = new URLSearchParams({ csrfToken: csrf.csrfToken, email: post.email, password: post.password });
  if (post.callbackUrl !== undefined) form.set('callbackUrl', post.callbackUrl);
  if (post.json) form.set('json', 'true');
  return fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: baseUrl,
      cookie: [csrf.cookie, post.cookie].filter(Boolean).join('; '),
      ...post.headers,
    },
    body: form,
    redirect: 'manual',
  });
}

/** Where a next-auth answer sends the browser: the Location header, or `url` of a JSON answer. */
export async function redirectTarget(response: Response): Promise<string | undefined> {
  const location = response.headers.get('location');
  if (location !== null) return location;
  if (!(response.headers.get('content-type') ?? '').includes('json')) return undefined;
  const body = (await response.json()) as { url?: unknown };
  return typeof body.url === 'string' ? body.url : undefined;
}
