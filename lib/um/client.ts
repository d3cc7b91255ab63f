import { readFileSync } from 'node:fs';
import type { CallInfo } from './call-state';
import { validateCallId } from './call-id';
import { buildRequestEnvelope } from './envelope';
import { UmFault, UmHttpError, UmBadResponse, UmInputError, UmNetworkError, type UmOperation } from './errors';
import {
  GREETING_TYPES,
  expectResponse,
  readDisconnect,
  readGetCallInfo,
  readGetUmProperties,
  readIsUmEnabled,
  readNewCallId,
  type GreetingType,
  type UmProperties,
} from './operations';
import { readSoapBody } from './soap-response';
import { UmTransport, type RawResponse } from './transport';
import type { XmlElement } from './xml-tree';

export interface UmClientOptions {
  /** The UM endpoint, e.g. https://cas.contoso.com/EWS/UM2007Legacy.asmx */
  readonly url: string | URL;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  /** Whole-exchange timeout per request (default 10 000 ms). */
  readonly timeoutMs?: number | undefined;
  /** Connect timeout (default: the smaller of timeoutMs and 5 000 ms). */
  readonly connectTimeoutMs?: number | undefined;
  /** PEM file with CA certificates to trust in addition to the built-in ones. */
  readonly caFile?: string | undefined;
  /** Requests in flight at once to this endpoint (default 16). */
  readonly maxConcurrency?: number | undefined;
  /** Largest response body read before parsing (default 64 KiB). */
  readonly maxResponseBytes?: number | undefined;
}

export interface UmClient {
  /** The endpoint URL, never with credentials. */
  readonly endpoint: string;
  /** Asks the service to hang up. It answers before the call is torn down; verify with getCallInfo. Never retried. */
  disconnect(callId: string): Promise<void>;
  getCallInfo(callId: string): Promise<CallInfo>;
  /** Places a call that plays a voice mail item; resolves to the new CallId. */
  playOnPhone(entryId: string, dialString: string): Promise<string>;
  playOnPhoneGreeting(greetingType: GreetingType, dialString: string): Promise<string>;
  isUmEnabled(): Promise<boolean>;
  getUmProperties(): Promise<UmProperties>;
  /** Requests in flight right now (bounded by maxConcurrency). */
  readonly inFlight: number;
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_CONCURRENCY = 16;
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;

const XML_CONTENT_TYPE = /^(text\/xml|application\/xml|application\/soap\+xml)\s*(;|$)/i;
const NON_UTF8_CHARSET = /;\s*charset\s*=\s*"?(?!utf-8\b)[^";\s]+/i;

export function createUmClient(options: UmClientOptions): UmClient {
  const url = parseEndpoint(options.url);
  const timeoutMs = positiveInteger(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs');
  const transport = new UmTransport({
    url,
    timeoutMs,
    connectTimeoutMs: positiveInteger(options.connectTimeoutMs ?? Math.min(timeoutMs, 5_000), 'connectTimeoutMs'),
    maxConcurrency: positiveInteger(options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY, 'maxConcurrency'),
    maxResponseBytes: positiveInteger(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes'),
    authorization: basicAuthorization(options.username, options.password),
    extraCa: options.caFile ? readCaFile(options.caFile) : undefined,
  });

  async function call<T>(
    operation: UmOperation,
    fields: ReadonlyArray<readonly [string, string]>,
    reader: (response: XmlElement, status: number) => T,
    retryOnConnectionError = false,
  ): Promise<T> {
    const envelope = buildRequestEnvelope(operation, fields);
    let raw: RawResponse;
    try {
      raw = await transport.post(operation, envelope);
    } catch (error) {
      // Only reads are retried, and only once: a second Disconnect could end someone else's call.
      if (!retryOnConnectionError || !(error instanceof UmNetworkError)) throw error;
      raw = await transport.post(operation, envelope);
    }
    return interpret(operation, raw, reader);
  }

  return {
    endpoint: url.href,
    get inFlight() {
      return transport.inFlight;
    },
    disconnect: (callId) => call('Disconnect', [['CallId', validateCallId(callId)]], readDisconnect),
    getCallInfo: (callId) => call('GetCallInfo', [['CallId', validateCallId(callId)]], readGetCallInfo, true),
    playOnPhone: (entryId, dialString) =>
      call(
        'PlayOnPhone',
        [
          ['entryId', validateEntryId(entryId)],
          ['DialString', validateDialString(dialString)],
        ],
        readNewCallId('PlayOnPhone'),
      ),
    playOnPhoneGreeting: (greetingType, dialString) =>
      call(
        'PlayOnPhoneGreeting',
        [
          ['GreetingType', validateGreetingType(greetingType)],
          ['DialString', validateDialString(dialString)],
        ],
        readNewCallId('PlayOnPhoneGreeting'),
      ),
    isUmEnabled: () => call('IsUMEnabled', [], readIsUmEnabled, true),
    getUmProperties: () => call('GetUMProperties', [], readGetUmProperties, true),
    close: () => transport.close(),
  };
}

/** Turns an HTTP exchange into the operation's result, a UmFault, or another typed UmError. */
function interpret<T>(
  operation: UmOperation,
  raw: RawResponse,
  reader: (response: XmlElement, status: number) => T,
): T {
  const isXml = raw.contentType !== undefined && XML_CONTENT_TYPE.test(raw.contentType);
  if (raw.status >= 200 && raw.status < 300) {
    if (!isXml) {
      throw new UmBadResponse(
        'content-type',
        `expected text/xml, got ${raw.contentType ? `"${raw.contentType.slice(0, 80)}"` : 'no content type'}`,
        operation,
        raw.status,
      );
    }
    if (NON_UTF8_CHARSET.test(raw.contentType ?? '')) {
      throw new UmBadResponse('content-type', 'the body is not declared as UTF-8', operation, raw.status);
    }
    const body = readSoapBody(raw.body, operation, raw.status);
    if (body.kind === 'fault') throw body.fault;
    return reader(expectResponse(body.element, operation, raw.status), raw.status);
  }
  if (raw.status === 500 && isXml) {
    let fault: UmFault | undefined;
    try {
      const body = readSoapBody(raw.body, operation, raw.status);
      if (body.kind === 'fault') fault = body.fault;
    } catch (error) {
      if (!(error instanceof UmBadResponse)) throw error;
    }
    if (fault) throw fault;
  }
  throw new UmHttpError(raw.status, operation, raw.wwwAuthenticate);
}

function parseEndpoint(value: string | URL): URL {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new UmInputError('url', `The UM service URL must be an http(s) URL, got "${String(value).slice(0, 200)}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UmInputError('url', `The UM service URL must be an http(s) URL, got "${url.protocol}…".`);
  }
  if (url.username || url.password) {
    throw new UmInputError('url', 'Put the UM service account in the username and password settings, not in the URL.');
  }
  url.hash = '';
  return url;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new UmInputError(name, `${name} must be a positive whole number, got ${value}.`);
  }
  return value;
}

function basicAuthorization(username: string | undefined, password: string | undefined): string | undefined {
  if (!username) return undefined;
  if (username.includes(':')) throw new UmInputError('username', 'A Basic-auth user name cannot contain ":".');
  return `Basic ${Buffer.from(`${username}:${password ?? ''}`, 'utf8').toString('base64')}`;
}

function readCaFile(path: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch {
    throw new UmInputError('caFile', `The CA file "${path}" cannot be read.`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new UmInputError('caFile', `The CA file "${path}" holds no PEM certificate.`);
  }
  return pem;
}

const MAX_ENTRY_ID_LENGTH = 4096;
const MAX_DIAL_STRING_LENGTH = 256;

export function checkEntryId(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return 'Enter the entry ID of a voice mail item.';
  if (value.length > MAX_ENTRY_ID_LENGTH) return `An entry ID is at most ${MAX_ENTRY_ID_LENGTH} characters.`;
  if (!/^[A-Za-z0-9+/=]+$/.test(value)) return 'An entry ID contains only letters, digits, "+", "/" and "=".';
  return undefined;
}

export function checkDialString(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim().length === 0) return 'Enter the number to dial.';
  if (value.length > MAX_DIAL_STRING_LENGTH) return `A dial string is at most ${MAX_DIAL_STRING_LENGTH} characters.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\ud800-\udfff\ufffe\uffff]/.test(value)) return 'A dial string cannot contain control characters.';
  return undefined;
}

function validateEntryId(value: string): string {
  const problem = checkEntryId(value);
  if (problem) throw new UmInputError('entryId', problem);
  return value;
}

function validateDialString(value: string): string {
  const problem = checkDialString(value);
  if (problem) throw new UmInputError('dialString', problem);
  return value.trim();
}

function validateGreetingType(value: string): GreetingType {
  if (!(GREETING_TYPES as readonly string[]).includes(value)) {
    throw new UmInputError('greetingType', `The greeting type must be ${GREETING_TYPES.join(' or ')}.`);
  }
  return value as GreetingType;
}
