import { apiError, type ApiErrorCode } from './json-response';

/** The HTTP status and API code for the error codes lib/calls, lib/audit and the body reader return. */
export const ERROR_STATUS: Record<string, { readonly status: number; readonly code: ApiErrorCode }> = {
  'invalid-input': { status: 400, code: 'invalid-input' },
  'invalid-filter': { status: 400, code: 'invalid-input' },
  unauthenticated: { status: 401, code: 'unauthenticated' },
  forbidden: { status: 403, code: 'forbidden' },
  'not-found': { status: 404, code: 'not-found' },
  'in-progress': { status: 409, code: 'in-progress' },
  'confirmation-mismatch': { status: 400, code: 'confirmation-mismatch' },
  'not-allowed-now': { status: 409, code: 'not-allowed-now' },
  'payload-too-large': { status: 413, code: 'payload-too-large' },
  'unsupported-media-type': { status: 415, code: 'unsupported-media-type' },
  throttled: { status: 429, code: 'throttled' },
  'audit-unavailable': { status: 503, code: 'unavailable' },
};

export function statusOf(code: string): { readonly status: number; readonly code: ApiErrorCode } {
  return ERROR_STATUS[code] ?? { status: 500, code: 'internal' };
}

/** A domain error as the API's JSON error, with the fitting status. */
export function errorResponse(error: {
  readonly code: string;
  readonly message: string;
  readonly fieldErrors?: Readonly<Record<string, string>>;
}): Response {
  const mapped = statusOf(error.code);
  return apiError(mapped.status, mapped.code, error.message, mapped.status === 400 ? error.fieldErrors : undefined);
}
