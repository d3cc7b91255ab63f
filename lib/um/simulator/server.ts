import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { setMaxListeners } from 'node:events';
import { isIP, type Socket } from 'node:net';
import { CallBook } from './call-model';
import { createBasicAuthCheck } from './basic-auth';
import { FailurePlan } from './failure-plan';
import { checkDuration, resolveOptions } from './options';
import { LEGACY_PATH, MODERN_PATH, handleRequest, type HandlerContext } from './request-handler';
import { RequestLog } from './request-log';
import type { UmSimulator, UmSimulatorOptions } from './types';

/** Starts an HTTP(S) server that speaks the UM web service's SOAP; resolves once it listens. */
export async function startUmSimulator(options: UmSimulatorOptions = {}): Promise<UmSimulator> {
  const settings = resolveOptions(options);
  let latencyMs = settings.latencyMs;
  const closing = new AbortController();
  // Every delayed answer waits on this one signal; hundreds at once is load, not a leak.
  setMaxListeners(0, closing.signal);
  const requestLog = new RequestLog();
  const failures = new FailurePlan();
  const calls = new CallBook(settings);
  const context: HandlerContext = {
    calls,
    serverFqdn: settings.serverFqdn,
    failures,
    requestLog,
    checkAuth: createBasicAuthCheck(settings.username, settings.password),
    latencyMs: () => latencyMs,
    closing: closing.signal,
    log: options.log,
    recordBodies: options.recordBodies ?? false,
  };

  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    void handleRequest(request, response, context);
  };
  const server: Server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, onRequest)
    : createHttpServer(onRequest);
  server.requestTimeout = 30_000;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await listen(server, settings.host, settings.port);
  const origin = originOf(server, settings.host, options.tls !== undefined);

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      closing.abort();
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    });
    return closed;
  };

  return {
    url: `${origin}${MODERN_PATH}`,
    legacyUrl: `${origin}${LEGACY_PATH}`,
    origin,
    get requests() {
      return requestLog.list();
    },
    requestCount: (operation) => requestLog.count(operation),
    get peakConcurrency() {
      return requestLog.peakConcurrency;
    },
    setLatency: (ms) => {
      latencyMs = checkDuration('latencyMs', ms);
    },
    injectFailure: (failure) => failures.add(failure),
    clearFailures: () => failures.clear(),
    getCall: (callId) => calls.snapshot(callId),
    listCalls: () => calls.list(),
    close,
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ host, port }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** The origin clients should use: a wildcard bind is reached through loopback. */
function originOf(server: Server, host: string, tls: boolean): string {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let name = host;
  if (host === '0.0.0.0' || host === '') name = '127.0.0.1';
  else if (host === '::') name = '::1';
  const shown = isIP(name) === 6 ? `[${name}]` : name;
  return `${tls ? 'https' : 'http'}://${shown}:${port}`;
}
