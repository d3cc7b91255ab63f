import type { ServerResponse } from 'node:http';
import { OVERSIZE_BYTES, XML_CONTENT_TYPE, oversizeParts, type Reply } from './failure-replies';

const PADDING_CHUNK = ' '.repeat(64 * 1024);

/** Sends a reply; never throws, since the client may have gone away in the meantime. */
export async function writeReply(response: ServerResponse, reply: Reply): Promise<void> {
  if (response.destroyed || response.writableEnded) return;
  switch (reply.kind) {
    case 'http':
      if (reply.closeConnection) response.shouldKeepAlive = false;
      response.writeHead(reply.status, { ...reply.headers, 'content-length': String(Buffer.byteLength(reply.body)) });
      response.end(reply.body);
      return;
    case 'hang':
      return;
    case 'reset':
      response.socket?.destroy();
      response.destroy();
      return;
    case 'oversize':
      await streamOversize(response, reply.operation);
  }
}

/** Streams with back-pressure and stops as soon as the client hangs up, so memory stays flat. */
async function streamOversize(response: ServerResponse, operation: Parameters<typeof oversizeParts>[0]): Promise<void> {
  const { head, tail } = oversizeParts(operation);
  response.writeHead(200, { 'content-type': XML_CONTENT_TYPE });
  let sent = 0;
  const send = async (chunk: string) => {
    sent += Buffer.byteLength(chunk);
    if (!response.write(chunk)) await drainOrClose(response);
  };
  try {
    await send(head);
    while (sent < OVERSIZE_BYTES && !response.destroyed) await send(PADDING_CHUNK);
    if (!response.destroyed) response.end(tail);
  } catch {
    response.destroy();
  }
}

function drainOrClose(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done).off('close', done);
      resolve();
    };
    response.on('drain', done).on('close', done);
  });
}
