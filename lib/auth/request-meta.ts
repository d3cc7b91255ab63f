import { isIP } from 'node:net';

/** Where a request came from, as the audit log and the sign-in throttle record it. */
export interface RequestMeta {
  readonly sourceIp: string | null;
  readonly userAgent: string | null;
}

type HeaderSource = { get(name: string): string | null } | Readonly<Record<string, string | string[] | undefined>>;

function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (typeof headers.get === 'function') return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const value = (headers as Readonly<Record<string, string | string[] | undefined>>)[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The source address: the LAST entry of X-Forwarded-For. Next.js fills that header with the
 * socket's address when a request arrives without one, and a reverse proxy in front appends the
 * address it saw; either way the last entry is the hop next to us, while earlier entries are
 * whatever the client claimed. A client talking to the console directly can still send its own
 * header, so per-address throttling is only as good as the reverse proxy in front of it;
 * per-account throttling does not depend on it.
 */
export function sourceIpFromHeaders(headers: HeaderSource): string | null {
  const forwarded = readHeader(headers, 'x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  if (!last) return null;
  const address = last.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return isIP(address) ? address : null;
}

export function userAgentFromHeaders(headers: HeaderSource): string | null {
  const agent = readHeader(headers, 'user-agent')?.trim();
  return agent ? agent.slice(0, 512) : null;
}

export function requestMetaFromHeaders(headers: HeaderSource): RequestMeta {
  return { sourceIp: sourceIpFromHeaders(headers), userAgent: userAgentFromHeaders(headers) };
}
