import { UmInputError } from './errors';

/** Exchange 2013 accepts CallIds up to 1420 characters (the specification says 512). */
export const MAX_CALL_ID_LENGTH = 1420;

const BASE64_ALPHABET = /^[A-Za-z0-9+/=]+$/;

/** Why a CallId is unusable, or undefined when it may be sent. Runs before any XML is built. */
export function checkCallId(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return 'Enter a call ID.';
  if (value.length > MAX_CALL_ID_LENGTH) {
    return `A call ID is at most ${MAX_CALL_ID_LENGTH} characters; this one has ${value.length}.`;
  }
  if (!BASE64_ALPHABET.test(value)) {
    return 'A call ID contains only letters, digits, "+", "/" and "=" (it is base64 text).';
  }
  return undefined;
}

/** Returns the CallId unchanged, or throws UmInputError naming what is wrong. */
export function validateCallId(value: unknown): string {
  const problem = checkCallId(value);
  if (problem !== undefined) throw new UmInputError('callId', problem);
  return value as string;
}

export interface DecodedCallId {
  readonly guid: string;
  /** The UM server's FQDN, as Exchange embeds it. Useful to show; not to rely on. */
  readonly server: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FQDN = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/**
 * Decodes the documented shapes `base64(<guid>@<fqdn>)` (Exchange 2007/2010) and
 * `base64(<guid>|<fqdn>)` (Exchange 2013). Anything else is opaque: returns undefined.
 */
export function decodeCallId(callId: string): DecodedCallId | undefined {
  if (checkCallId(callId) !== undefined) return undefined;
  const text = Buffer.from(callId, 'base64').toString('utf8');
  const match = /^([^@|]+)[@|]([^@|]+)$/.exec(text);
  if (!match) return undefined;
  const [, guid = '', server = ''] = match;
  if (!GUID.test(guid) || !FQDN.test(server)) return undefined;
  return { guid: guid.toLowerCase(), server: server.toLowerCase() };
}

/** Builds a CallId of the Exchange 2013 shape; used by the simulator. */
export function encodeCallId(guid: string, server: string): string {
  return Buffer.from(`${guid}|${server}`, 'utf8').toString('base64');
}
