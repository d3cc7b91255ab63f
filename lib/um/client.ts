import { readFileSync } from 'node:fs';
import type { CallInfo } from './call-state';
import { validateCallId } from './call-id';
import { renderRequestEnvelope } from './envelope';
import { UmInputError, UmNetworkError, type UmOperation } from './errors';
import { interpretResponse } from './interpret-response';
import { validateDialString, validateEntryId, validateGreetingType } from './inputs';
import {
  readDisconnect,
  readGetCallInfo,
  readGetUmProperties,
  readIsUmEnabled,
  readNewCallId,
  type GreetingType,
  type UmProperties,
} from './operations';
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

const readPlayOnPhone = readNewCallId('PlayOnPhone');
const readPlayOnPhoneGreeting = readNewCallId('PlayOnPhoneGreeting');

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_CONCURRENCY = 16;
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;

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

  // `fields` is a function so that invalid input, checked inside it, rejects the returned promise
  // instead of throwing synchronously; call is the only async step between a caller and the socket.
  async function call<T>(
    operation: UmOperation,
    fields: () => ReadonlyArray<readonly [string, string]>,
    reader: (response: XmlElement, status: number) => T,
    retryOnConnectionError = false,
  ): Promise<T> {
    const envelope = renderRequestEnvelope(operation, fields());
    let raw: RawResponse;
    try {
      raw = await transport.post(operation, envelope);
    } catch (error) {
      // Only reads are retried, and only once: a second Disconnect could end someone else's call.
      if (!retryOnConnectionError || !(error instanceof UmNetworkError)) throw error;
      raw = await transport.post(operation, envelope);
    }
    return interpretResponse(operation, raw, reader);
  }

  const noFields = () => [];

  return {
    endpoint: url.href,
    get inFlight() {
      return transport.inFlight;
    },
    disconnect: (callId) => call('Disconnect', () => [['CallId', validateCallId(callId)]], readDisconnect),
    getCallInfo: (callId) => call('GetCallInfo', () => [['CallId', validateCallId(callId)]], readGetCallInfo, true),
    playOnPhone: (entryId, dialString) =>
      call(
        'PlayOnPhone',
        () => [
          ['entryId', validateEntryId(entryId)],
          ['DialString', validateDialString(dialString)],
        ],
        readPlayOnPhone,
      ),
    playOnPhoneGreeting: (greetingType, dialString) =>
      call(
        'PlayOnPhoneGreeting',
        () => [
          ['GreetingType', validateGreetingType(greetingType)],
          ['DialString', validateDialString(dialString)],
        ],
        readPlayOnPhoneGreeting,
      ),
    isUmEnabled: () => call('IsUMEnabled', noFields, readIsUmEnabled, true),
    getUmProperties: () => call('GetUMProperties', noFields, readGetUmProperties, true),
    close: () => transport.close(),
  };
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
