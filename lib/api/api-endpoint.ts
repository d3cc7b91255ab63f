import { arrivedOverHttps } from '../auth/request-origin';
import { apiResponseSecurity, applySecurityHeaders } from '../security/response-headers';
import { checkSameOriginRequest } from '../security/same-origin-request';
import { apiError } from './json-response';

export type ApiHandler = (request: Request) => Promise<Response>;

/**
 * What every /api/v1 handler does around its own work, in place of proxy.ts, which does not run
 * for the API: most API calls carry a token and need neither a session read nor a page's nonce,
 * and running the proxy was a large share of a short call's time. A request that may change
 * something and comes from another website is refused before the handler runs (a browser sends
 * the session cookie along with it); every answer gets the API's Content-Security-Policy, and
 * Strict-Transport-Security when the request arrived over https.
 */
export function apiEndpoint(handler: ApiHandler): ApiHandler {
  return async (request) => {
    const https = arrivedOverHttps(request.headers, new URL(request.url).protocol);
    const sameOrigin = checkSameOriginRequest(request.method, request.headers, https);
    const response = sameOrigin.ok ? await handler(request) : apiError(403, 'forbidden', sameOrigin.error.message);
    applySecurityHeaders(response.headers, apiResponseSecurity(https));
    return response;
  };
}
