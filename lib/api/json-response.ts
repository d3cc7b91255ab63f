// Every /api/v1 answer is JSON, never cached: it is about this moment and this caller.

const HEADERS = { 'Cache-Control': 'no-store' } as const;

export type ApiErrorCode =
  | 'invalid-input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'method-not-allowed'
  | 'in-progress'
  | 'confirmation-mismatch'
  | 'not-allowed-now'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'throttled'
  | 'um-error'
  | 'um-timeout'
  | 'unavailable'
  | 'internal';

export function jsonResponse(data: unknown, status = 200, headers: Readonly<Record<string, string>> = {}): Response {
  return Response.json(data, { status, headers: { ...HEADERS, ...headers } });
}

/**
 * `{ "error": { "code", "message" } }`, plus for invalid input the first offending `field` and
 * every field's problem in `fields`.
 */
export function apiError(
  status: number,
  code: ApiErrorCode,
  message: string,
  fieldErrors?: Readonly<Record<string, string>>,
  extra: Readonly<Record<string, unknown>> = {},
  headers: Readonly<Record<string, string>> = {},
): Response {
  const field = fieldErrors ? Object.keys(fieldErrors)[0] : undefined;
  const error = field !== undefined ? { code, message, field, fields: fieldErrors } : { code, message };
  return jsonResponse({ error, ...extra }, status, headers);
}

/** 401 for a missing or bad token, 403 for a role too low, 429 (with Retry-After) for too many requests. */
export function authError(error: {
  readonly code: 'unauthenticated' | 'forbidden' | 'throttled';
  readonly message: string;
  readonly retryAfterSeconds?: number;
}): Response {
  if (error.code === 'throttled') {
    return apiError(429, 'throttled', error.message, undefined, {}, { 'Retry-After': String(error.retryAfterSeconds ?? 60) });
  }
  return error.code === 'unauthenticated'
    ? apiError(401, 'unauthenticated', error.message, undefined, {}, { 'WWW-Authenticate': 'Bearer realm="um-call-console"' })
    : apiError(403, 'forbidden', error.message);
}
