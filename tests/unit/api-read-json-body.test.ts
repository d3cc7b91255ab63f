// readJsonBody refuses a body over its limit with payload-too-large, and reads the rest of it and
// drops it (up to a limit of its own), so a client still sending hears the 413 instead of a reset.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { readJsonBody } from '../../lib/api/read-json-body';

const MiB = 1024 * 1024;
const schema = z.object({ reason: z.string() });

/** A body of `chunks` chunks of `chunkBytes` each, saying how far it was read and whether it was cut. */
function countedBody(chunks: number, chunkBytes: number) {
  const chunk = new Uint8Array(chunkBytes).fill(0x78);
  const seen = { pulled: 0, finished: false, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled === chunks) {
        seen.finished = true;
        controller.close();
        return;
      }
      seen.pulled += 1;
      controller.enqueue(chunk);
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

function post(body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}): Request {
  return new Request('http://console.test/api/v1/calls/x/disconnect', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
}

test('a body within the limit is parsed and checked', async () => {
  const read = await readJsonBody(post('{"reason":"stuck"}'), schema);
  assert.deepEqual(read, { ok: true, data: { reason: 'stuck' } });
});

test('a chunked body over the limit is refused, and what is left of it is read to its end', async () => {
  const { stream, seen } = countedBody(40, 64 * 1024);
  const read = await readJsonBody(post(stream), schema);
  assert.equal(read.ok ? 'ok' : read.error.code, 'payload-too-large');
  assert.deepEqual(seen, { pulled: 40, finished: true, cancelled: false });
});

test('a body whose Content-Length is over the limit is refused unread and then drained', async () => {
  const { stream, seen } = countedBody(8, 64 * 1024);
  const read = await readJsonBody(post(stream, { 'content-length': String(8 * 64 * 1024) }), schema, 16 * 1024);
  assert.equal(read.ok ? 'ok' : read.error.code, 'payload-too-large');
  assert.deepEqual(seen, { pulled: 8, finished: true, cancelled: false });
});

test('a refused body that goes on past 64 MiB is cut off instead of read forever', async () => {
  const { stream, seen } = countedBody(200, MiB);
  const read = await readJsonBody(post(stream), schema);
  assert.equal(read.ok ? 'ok' : read.error.code, 'payload-too-large');
  assert.equal(seen.cancelled, true);
  assert.equal(seen.finished, false);
  assert.ok(seen.pulled > 64 && seen.pulled < 70, `read ${seen.pulled} MiB before cutting`);
});
