import { UmBadResponse, UmFault, UmHttpError, UmInputError, UmNetworkError, UmTimeoutError, isUmError } from '../../um';
import { UsageError } from './usage-error';

export type FailureKind = 'usage' | 'input' | 'fault' | 'http' | 'timeout' | 'network' | 'bad-response' | 'internal';

/** The documented exit codes; an HTTP error status counts as a network failure (4). */
export const EXIT_CODES: Record<FailureKind, number> = {
  usage: 2,
  input: 2,
  fault: 3,
  http: 4,
  timeout: 4,
  network: 4,
  'bad-response': 5,
  internal: 1,
};

export interface Failure {
  readonly kind: FailureKind;
  readonly exitCode: number;
  /** One sentence for a person. */
  readonly message: string;
  /** Machine-readable details for --json (fault code, HTTP status, …). */
  readonly details: Readonly<Record<string, string | number>>;
}

/** Turns anything thrown into a Failure; unexpected errors never show their own text. */
export function describeFailure(error: unknown): Failure {
  const make = (kind: FailureKind, message: string, details: Record<string, string | number> = {}): Failure => ({
    kind,
    exitCode: EXIT_CODES[kind],
    message,
    details,
  });
  if (error instanceof UsageError) return make(error.kind, error.message);
  if (!isUmError(error)) {
    return make('internal', 'umctl failed unexpectedly; nothing more is known. Please report how it was run.');
  }
  if (error instanceof UmInputError) return make('input', error.message, { field: error.field });
  if (error instanceof UmFault) return make('fault', error.message, { code: error.code, faultCode: error.faultCode });
  if (error instanceof UmHttpError) {
    const hint = error.status === 401 ? ' With umctl, pass --username and --password-env (or set UM_USERNAME and UM_PASSWORD).' : '';
    return make('http', `${error.message}${hint}`, { status: error.status });
  }
  if (error instanceof UmTimeoutError) {
    return make('timeout', error.message, { timeoutMs: error.timeoutMs, requestSent: error.requestSent });
  }
  if (error instanceof UmNetworkError) {
    return make('network', error.message, { requestSent: error.requestSent, ...(error.code ? { code: error.code } : {}) });
  }
  if (error instanceof UmBadResponse) return make('bad-response', error.message, { reason: error.reason, status: error.httpStatus });
  return make(error.kind, error.message);
}
