export type UmOperation =
  | 'Disconnect'
  | 'GetCallInfo'
  | 'PlayOnPhone'
  | 'PlayOnPhoneGreeting'
  | 'IsUMEnabled'
  | 'GetUMProperties';

export type UmErrorKind = 'input' | 'fault' | 'http' | 'timeout' | 'network' | 'bad-response';

/**
 * Whether the request may have reached the UM service. A Disconnect that was possibly
 * sent has an unknown outcome; one that was certainly not sent can be tried again.
 */
export type RequestSent = 'no' | 'maybe' | 'yes';

// Next can load lib/um twice in one server process (instrumentation and the app are bundled
// apart), so an error made by one copy must still pass `instanceof` against the other copy's
// classes. Each instance carries its class tag under a registry-wide symbol, and instanceof
// checks that tag instead of the prototype chain.
const TAG = Symbol.for('um-call-console.um-error-class');
type Tagged = { readonly [TAG]?: unknown };

/** Base of every error lib/um throws. Messages are written for the person running the console. */
export abstract class UmError extends Error {
  /** The class's tag; subclasses override it with their own name. */
  static readonly tag: string = 'UmError';
  abstract readonly kind: UmErrorKind;
  readonly operation: UmOperation | undefined;
  readonly [TAG]: string;
  constructor(message: string, operation?: UmOperation, options?: { cause?: unknown }) {
    super(message, options);
    const tag = (new.target as unknown as { tag: string }).tag;
    this.name = tag;
    this.operation = operation;
    this[TAG] = tag;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    const tag = typeof value === 'object' && value !== null ? (value as Tagged)[TAG] : undefined;
    if (typeof tag !== 'string') return false;
    return this.tag === 'UmError' || this.tag === tag;
  }
}

/** Input that is refused before any request is built (nothing is sent). */
export class UmInputError extends UmError {
  static override readonly tag = 'UmInputError';
  readonly kind = 'input';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A SOAP fault from the UM service: it understood the request and refused it. */
export class UmFault extends UmError {
  static override readonly tag = 'UmFault';
  readonly kind = 'fault';
  /** The exception type (detail) when present, else the local name of faultcode. */
  readonly code: string;
  /** Local name of faultcode, e.g. InvalidCallIdException or Client. */
  readonly faultCode: string;
  /** The service's own words (faultstring). */
  readonly faultString: string;
  readonly httpStatus: number;
  constructor(args: {
    code: string;
    faultCode: string;
    faultString: string;
    httpStatus: number;
    operation: UmOperation;
  }) {
    super(
      `The UM service refused ${args.operation}: ${args.code}${args.faultString ? ` — ${args.faultString}` : ''}`,
      args.operation,
    );
    this.code = args.code;
    this.faultCode = args.faultCode;
    this.faultString = args.faultString;
    this.httpStatus = args.httpStatus;
  }
}

/** The service (or something in front of it) answered with an HTTP error status and no SOAP fault. */
export class UmHttpError extends UmError {
  static override readonly tag = 'UmHttpError';
  readonly kind = 'http';
  constructor(
    readonly status: number,
    operation: UmOperation,
    readonly authChallenge?: string,
  ) {
    super(describeHttpStatus(status, operation), operation);
  }
}

function describeHttpStatus(status: number, operation: UmOperation): string {
  if (status === 401) {
    return `Authentication failed: the UM service answered HTTP 401 to ${operation}. Check the service account (UM_USERNAME, UM_PASSWORD).`;
  }
  if (status === 403) return `The UM service refused ${operation} for this account (HTTP 403).`;
  if (status === 404) return `The UM service URL was not found (HTTP 404 for ${operation}); check UM_SERVICE_URL.`;
  if (status === 503) return `The UM service is unavailable (HTTP 503 for ${operation}); try again shortly.`;
  if (status >= 300 && status < 400) {
    return `The UM service redirected ${operation} (HTTP ${status}); point UM_SERVICE_URL at the endpoint itself.`;
  }
  return `The UM service answered ${operation} with HTTP ${status} and no SOAP fault.`;
}

export class UmTimeoutError extends UmError {
  static override readonly tag = 'UmTimeoutError';
  readonly kind = 'timeout';
  constructor(
    readonly timeoutMs: number,
    operation: UmOperation,
    readonly requestSent: RequestSent,
  ) {
    super(describeTimeout(timeoutMs, operation, requestSent), operation);
  }
}

function describeTimeout(timeoutMs: number, operation: UmOperation, sent: RequestSent): string {
  const within = `within ${formatSeconds(timeoutMs)}`;
  if (sent === 'no') {
    return `The UM service could not be reached ${within}; ${operation} was not sent.`;
  }
  if (operation === 'Disconnect') {
    return `The UM service did not answer ${within}; the call may still be up — check its status.`;
  }
  if (operation === 'PlayOnPhone' || operation === 'PlayOnPhoneGreeting') {
    return `The UM service did not answer ${within}; a call may have been placed anyway.`;
  }
  return `The UM service did not answer ${operation} ${within}.`;
}

export function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

export class UmNetworkError extends UmError {
  static override readonly tag = 'UmNetworkError';
  readonly kind = 'network';
  constructor(
    message: string,
    operation: UmOperation,
    readonly requestSent: RequestSent,
    /** The system or undici error code, e.g. ECONNREFUSED; for logs, not for people. */
    readonly code: string | undefined,
    cause?: unknown,
  ) {
    super(message, operation, { cause });
  }
}

export type BadResponseReason =
  | 'malformed'
  | 'oversize'
  | 'unexpected-shape'
  | 'content-type'
  | 'forbidden-markup';

/** The service answered, but not with a well-formed success of the expected shape or a fault. */
export class UmBadResponse extends UmError {
  static override readonly tag = 'UmBadResponse';
  readonly kind = 'bad-response';
  constructor(
    readonly reason: BadResponseReason,
    readonly detail: string,
    operation: UmOperation,
    readonly httpStatus: number,
  ) {
    super(`The UM service sent a response to ${operation} that cannot be used: ${detail}.`, operation);
  }
}

export function isUmError(error: unknown): error is UmError {
  return error instanceof UmError;
}
