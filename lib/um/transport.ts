import { rootCertificates } from 'node:tls';
import { Pool } from 'undici';
import { UmBadResponse, UmNetworkError, UmTimeoutError, type RequestSent, type UmOperation } from './errors';
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

class QueueTimeout extends Error {}

// Not streaming, so one fatal decoder can serve every response.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * One keep-alive pool per UM endpoint. A semaphore bounds requests in flight, and one deadline
 * covers the whole exchange: waiting for a slot, connecting, sending and reading the answer.
 */
export class UmTransport {
  private readonly pool: Pool;
  private readonly slots: Semaphore;
  private readonly path: string;

  constructor(private readonly options: TransportOptions) {
    this.slots = new Semaphore(options.maxConcurrency);
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

  async post(operation: UmOperation, body: string): Promise<RawResponse> {
    const { timeoutMs } = this.options;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new QueueTimeout()), timeoutMs);
    try {
      try {
        await this.slots.acquire(controller.signal);
      } catch {
        throw new UmTimeoutError(timeoutMs, operation, 'no');
      }
      try {
        return await this.exchange(operation, body, controller.signal);
      } catch (error) {
        throw this.mapError(error, operation, controller.signal.aborted);
      } finally {
        this.slots.release();
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private async exchange(operation: UmOperation, body: string, signal: AbortSignal): Promise<RawResponse> {
    const headers: Record<string, string> = {
      'content-type': 'text/xml; charset=utf-8',
      soapaction: soapActionFor(operation),
      accept: 'text/xml',
    };
    if (this.options.authorization) headers.authorization = this.options.authorization;
    const response = await this.pool.request({ path: this.path, method: 'POST', headers, body, signal });

    const limit = this.options.maxResponseBytes;
    const tooLarge = (size: string) =>
      new UmBadResponse('oversize', `the body is larger than ${limit} bytes (${size})`, operation, response.statusCode);
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      response.body.destroy();
      throw tooLarge(`${declared} bytes announced`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        response.body.destroy();
        throw tooLarge(`over ${limit} bytes read`);
      }
      chunks.push(chunk);
    }
    let text: string;
    try {
      text = utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    } catch {
      throw new UmBadResponse('malformed', 'the body is not valid UTF-8', operation, response.statusCode);
    }
    return {
      status: response.statusCode,
      contentType: headerValue(response.headers['content-type']),
      wwwAuthenticate: headerValue(response.headers['www-authenticate']),
      body: text,
    };
  }

  private mapError(error: unknown, operation: UmOperation, timedOut: boolean): Error {
    if (error instanceof UmBadResponse) return error;
    if (timedOut) return new UmTimeoutError(this.options.timeoutMs, operation, 'maybe');
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

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
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
