import type { z } from 'zod';
import { fail, ok, type Result } from '../result';

/** Every request body the API takes is small (bulk disconnect excepted); anything bigger is refused before it is parsed. */
export const MAX_BODY_BYTES = 16 * 1024;

/** How much of a refused body is read and dropped before the connection is cut instead. */
const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;

export type BodyError = 'unsupported-media-type' | 'payload-too-large' | 'invalid-input';

/**
 * Reads a JSON body: Content-Type application/json, at most 16 KiB (counted while reading, not
 * trusted from Content-Length), then parsed and checked against the schema.
 */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes: number = MAX_BODY_BYTES,
): Promise<Result<z.output<S>, BodyError>> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    return fail('unsupported-media-type', 'Send the body as JSON with "Content-Type: application/json".');
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  const text = declared > maxBytes ? undefined : await readCapped(request, maxBytes);
  if (text === undefined) {
    await discardRest(request);
    return tooLarge(maxBytes);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('invalid-input', 'The body is not valid JSON.', { body: 'The body is not valid JSON.' });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? 'body')] ??= issue.message;
    return fail('invalid-input', `The request needs fixing: ${Object.values(fieldErrors).join(' ')}`, fieldErrors);
  }
  return ok(parsed.data);
}

function tooLarge(maxBytes: number) {
  return fail('payload-too-large', `The body is larger than ${maxBytes / 1024} KiB.`);
}

async function readCapped(request: Request, maxBytes: number): Promise<string | undefined> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      reader.releaseLock();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads what is left of a refused body and drops it, up to DISCARD_LIMIT_BYTES, so the client,
 * still sending, hears the refusal: a connection closed under an upload reaches it as a reset,
 * not as the 413. Past the limit the connection is cut after all.
 */
async function discardRest(request: Request): Promise<void> {
  if (!request.body || request.body.locked) return;
  const reader = request.body.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
      if (size > DISCARD_LIMIT_BYTES) break;
    }
  } catch {
    return;
  }
  await reader.cancel().catch(() => undefined);
}
