/**
 * The URL-decoded path segment that follows `after` in the request's own URL. Read from the raw
 * URL so an encoded "/" or "+" in a CallId arrives exactly as the caller encoded it.
 */
export function pathSegmentAfter(request: Request, after: string): string | undefined {
  const segments = new URL(request.url).pathname.split('/');
  const index = segments.indexOf(after);
  const raw = index >= 0 ? segments[index + 1] : undefined;
  if (raw === undefined || raw === '') return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}
