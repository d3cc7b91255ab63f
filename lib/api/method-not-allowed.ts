import { apiEndpoint } from './api-endpoint';
import { apiError } from './json-response';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Marks the handlers that only refuse, so the OpenAPI check can tell them from real ones. */
export const REFUSES_METHOD = Symbol.for('um-call-console.refuses-method');

type Handler = ((request: Request) => Promise<Response>) & { [REFUSES_METHOD]?: true };

/**
 * JSON 405 handlers for the methods a route does not have (Next would answer them with an empty
 * 405); `Allow` lists the ones it does.
 */
export function methodsNotAllowed(allowed: readonly HttpMethod[]): Record<HttpMethod, Handler> {
  const allow = allowed.join(', ');
  const handler: Handler = apiEndpoint(async (request) =>
    apiError(405, 'method-not-allowed', `${request.method} is not supported here; use ${allow}.`, undefined, {}, { Allow: allow }),
  );
  handler[REFUSES_METHOD] = true;
  return Object.fromEntries(HTTP_METHODS.map((method) => [method, handler])) as Record<HttpMethod, Handler>;
}

/** JSON 404 for any path under /api/v1 that is not a route. */
export const unknownApiPath: Handler = apiEndpoint(async (request) =>
  apiError(404, 'not-found', `There is no API endpoint ${new URL(request.url).pathname}; see /api/v1/openapi.json.`),
);
unknownApiPath[REFUSES_METHOD] = true;
