import { buildWrappedResponseEnvelope } from '../envelope';
import type { UmOperation } from '../errors';
import type { SimulatedFailureKind } from './types';

export const XML_CONTENT_TYPE = 'text/xml; charset=utf-8';

/** What the simulator does with a request: answer it, keep it hanging, or cut the connection. */
export type Reply =
  | {
      readonly kind: 'http';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
      /** Close the connection after answering (the request body was not read to its end). */
      readonly closeConnection?: boolean;
    }
  /** Never answer; the socket stays open until the client gives up or the simulator closes. */
  | { readonly kind: 'hang' }
  /** Destroy the socket without answering. */
  | { readonly kind: 'reset' }
  /** A 200 text/xml body streamed past OVERSIZE_BYTES. */
  | { readonly kind: 'oversize'; readonly operation: UmOperation | undefined };

export type HttpReply = Extract<Reply, { kind: 'http' }>;

/** More than 1 MiB, the most any sane UM client reads. */
export const OVERSIZE_BYTES = 2 * 1024 * 1024;

export function textReply(status: number, body: string, headers: Record<string, string> = {}): HttpReply {
  return { kind: 'http', status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body };
}

export function xmlReply(status: number, body: string): HttpReply {
  return { kind: 'http', status, headers: { 'content-type': XML_CONTENT_TYPE }, body };
}

/** The reply that stands in for an injected failure; the request itself is not acted upon. */
export function replyForFailure(kind: SimulatedFailureKind, operation: UmOperation | undefined): Reply {
  switch (kind) {
    case 'http503':
      return {
        kind: 'http',
        status: 503,
        headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '5' },
        body: '<html><body><h1>Service Unavailable</h1></body></html>',
      };
    case 'timeout':
      return { kind: 'hang' };
    case 'reset':
      return { kind: 'reset' };
    case 'oversize':
      return { kind: 'oversize', operation };
    case 'malformed': {
      const whole = plausibleSuccess(operation);
      return xmlReply(200, whole.slice(0, Math.floor(whole.length * 0.6)));
    }
    case 'wrong-content-type':
      return {
        kind: 'http',
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<html><body><p>Please sign in.</p></body></html>',
      };
    case 'empty':
      return xmlReply(200, '');
  }
}

function plausibleSuccess(operation: UmOperation | undefined): string {
  return buildWrappedResponseEnvelope(operation ?? 'GetCallInfo', [
    ['CallState', 'Connected'],
    ['EventCause', 'None'],
  ]);
}

/** The parts of an oversize body: a plausible envelope start, padding, and its end. */
export function oversizeParts(operation: UmOperation | undefined): { head: string; tail: string } {
  const name = `${operation ?? 'GetCallInfo'}Response`;
  return {
    head: `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${name} xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><${name}>`,
    tail: `</${name}></${name}></soap:Body></soap:Envelope>`,
  };
}
