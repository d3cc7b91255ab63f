type HeaderSource = { get(name: string): string | null };

export interface RequestOrigin {
  /** e.g. http://127.0.0.1:3000 — where the browser reached the console. */
  readonly origin: string | undefined;
  readonly secure: boolean;
}

/**
 * The origin a request was addressed to, from Host / X-Forwarded-Host and X-Forwarded-Proto
 * (which Next.js fills in for direct connections). This is next-auth's "trust host" behaviour
 * without NEXTAUTH_URL: the console works on any port or name without configuration. A request
 * with a forged Host only redirects the sender to the place it named itself.
 */
export function requestOrigin(headers: HeaderSource): RequestOrigin {
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  const secure = proto === 'https';
  const host = (headers.get('x-forwarded-host') ?? headers.get('host'))?.split(',')[0]?.trim();
  const valid = host !== undefined && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host);
  return { origin: valid ? `${secure ? 'https' : 'http'}://${host}` : undefined, secure };
}

/** Whether the request reached the console over https: as the proxy in front says (X-Forwarded-Proto), or by its own URL's scheme. */
export function arrivedOverHttps(headers: HeaderSource, protocol: string): boolean {
  return requestOrigin(headers).secure || protocol === 'https:';
}
