import { apiError } from './json-response';

/**
 * Runs a handler; anything it throws becomes a JSON 500 without the exception's text (which may
 * hold internals), and the details go to the server log.
 */
export async function withApiErrors(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    console.error('An API request failed unexpectedly:', error);
    return apiError(500, 'internal', 'Something went wrong on the server; nothing more is known here. The server log has the details.');
  }
}
