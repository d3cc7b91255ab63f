import { rootCertificates } from 'node:tls';
import { Pool } from 'undici';
import { Deadlines } from './deadlines';
import { UmNetworkError, UmTimeoutError, type RequestSent, type UmOperation } from './errors';
import { Exchange, type ExchangeHost } from './exchange';
import { soapActionFor } from './namespaces';
import { Semaphore } from './semaphore';

export interface TransportOptions {
  readonly url: URL;
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly maxConcurrency: number;
  readonly maxResponseBytes: number;
  readonly authorization: string | undefined;
  /** Extra CA certificates (PEM), trusted in addition to the built-in ones. */
  readonly extraCa: string | undefined;
}

export interface RawResponse {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly wwwAuthenticate: string | undefined;
  readonly body: string;
}

/**
 * One keep-alive pool per UM endpoint. A semaphore bounds requests in flight, and one deadline
 * covers the whole exchange: waiting for a slot, connecting, sending and reading the answer
 * (each request is an Exchange, see exchange.ts).
 */
export class UmTransport implements ExchangeHost {
  readonly pool: Pool;
  readonly slots: Semaphore;
  readonly deadlines: Deadlines;
  readonly path: string;
  /** The request headers of each operation, built once: undici only reads them. */
  private readonly headers = new Map<UmOperation, Record<string, string>>();

  constructor(readonly options: TransportOptions) {
    this.slots = new Semaphore(options.maxConcurrency);
    this.deadlines = new Deadlines(options.timeoutMs);
    this.path = `${options.url.pathname}${options.url.search}`;
    this.pool = new Pool(options.url.origin, {
      connections: options.maxConcurrency,
      pipelining: 1,
      keepAliveTimeout: 10_000,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connect: {
        timeout: options.connectTimeoutMs,
        ...(options.extraCa ? { ca: [...rootCertificates, options.extraCa] } : {}),
      },
    });
  }

  get inFlight(): number {
    return this.slots.inUse;
  }

  post(operation: UmOperation, body: string): Promise<RawResponse> {
    return new Promise<RawResponse>((resolve, reject) => {
      new Exchange(this, operation, body, resolve, reject).start();
    });
  }

  headersFor(operation: UmOperation): Record<string, string> {
    let headers = this.headers.get(operation);
    if (headers === undefined) {
      headers = {
        'content-type': 'text/xml; charset=utf-8',
        soapaction: soapActionFor(operation),
        accept: 'text/xml',
      };
      if (this.options.authorization) headers.authorization = this.options.authorization;
      this.headers.set(operation, headers);
    }
    return headers;
  }

  /** An undici or socket error as the UmError a caller gets: a timeout, or a network error saying whether anything was sent. */
  mapError(error: unknown, operation: UmOperation): Error {
    const code = errorCode(error);
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      return new UmTimeoutError(this.options.connectTimeoutMs, operation, 'no');
    }
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new UmTimeoutError(this.options.timeoutMs, operation, 'maybe');
    }
    const { message, sent } = describeNetworkError(code, this.options.url.host);
    return new UmNetworkError(message, operation, sent, code, error);
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function describeNetworkError(code: string | undefined, host: string): { message: string; sent: RequestSent } {
  switch (code) {
    case 'ECONNREFUSED':
      return { message: `The UM service at ${host} refused the connection; nothing was sent.`, sent: 'no' };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { message: `The UM service host name ${host} could not be resolved; nothing was sent.`, sent: 'no' };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { message: `The UM service at ${host} is unreachable from this server; nothing was sent.`, sent: 'no' };
    default:
      if (code && TLS_CODES.has(code)) {
        return {
          message: `The UM service's TLS certificate at ${host} is not trusted (${code}); nothing was sent. Set UM_CA_FILE to the issuing CA certificate.`,
          sent: 'no',
        };
      }
      return {
        message: `The connection to the UM service at ${host} was lost before it answered.`,
        sent: 'maybe',
      };
  }
}
