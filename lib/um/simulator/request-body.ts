import type { IncomingMessage } from 'node:http';

/** Requests larger than this are refused with 413; a UM request is a few hundred bytes. */
export const MAX_REQUEST_BYTES = 64 * 1024;

export type RequestBody =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'not-utf8' }
  | { readonly kind: 'aborted' };

/** Reads the body up to the cap, stopping early (without buffering the rest) when it is exceeded. */
export function readRequestBody(request: IncomingMessage, limit = MAX_REQUEST_BYTES): Promise<RequestBody> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too-large' });

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: RequestBody) => {
      request.off('data', onData).off('end', onEnd).off('error', onError).off('close', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.pause();
        finish({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      try {
        finish({ kind: 'text', text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, size)) });
      } catch {
        finish({ kind: 'not-utf8' });
      }
    };
    const onError = () => finish({ kind: 'aborted' });
    request.on('data', onData).on('end', onEnd).on('error', onError).on('close', onError);
  });
}
