// A loopback HTTP server that answers each request with whatever the test queued for that path,
// so a fuzz case's body goes through the real client's transport (undici, size cap, UTF-8 check).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

export interface ScriptedServer {
  readonly origin: string;
  /** The reply the next request to `path` gets. */
  setReply(path: string, reply: ScriptedReply): void;
  /** Requests answered so far. */
  readonly answered: number;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const replies = new Map<string, ScriptedReply>();
  let answered = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    // Read the request to its end first, as a real service does, so keep-alive stays usable.
    request.resume();
    request.once('end', () => {
      const reply = replies.get(request.url ?? '');
      if (!reply) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('no reply queued\n');
        return;
      }
      answered += 1;
      response.writeHead(reply.status, { 'content-type': reply.contentType, 'content-length': String(reply.body.length) });
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    setReply: (path, reply) => replies.set(path, reply),
    get answered() {
      return answered;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
