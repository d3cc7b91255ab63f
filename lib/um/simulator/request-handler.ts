import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UmOperation } from '../errors';
import type { CallBook } from './call-model';
import type { FailurePlan } from './failure-plan';
import { replyForFailure, textReply, xmlReply, type Reply } from './failure-replies';
import { handleOperation } from './operation-handlers';
import { readRequestBody } from './request-body';
import type { RequestLog } from './request-log';
import { operationFromSoapAction, readUmRequest } from './request-reader';
import { writeReply } from './reply-writer';
import { authChallenge } from './basic-auth';
import { invalidRequestReply } from './soap-faults';

export const MODERN_PATH = '/EWS/UM2007Legacy.asmx';
export const LEGACY_PATH = '/UnifiedMessaging/Service.asmx';
const ENDPOINT_PATHS = new Set([MODERN_PATH.toLowerCase(), LEGACY_PATH.toLowerCase()]);

/** Recorded CallIds are cut to this length so 10 000 records cannot hold 64 KiB each. */
const MAX_RECORDED_CALL_ID = 2048;

export interface HandlerContext {
  readonly calls: CallBook;
  readonly serverFqdn: string;
  readonly failures: FailurePlan;
  readonly requestLog: RequestLog;
  readonly checkAuth: ((header: string | undefined) => boolean) | undefined;
  readonly latencyMs: () => number;
  /** Aborted when the simulator closes: pending delays end and their sockets are dropped. */
  readonly closing: AbortSignal;
  readonly log: ((line: string) => void) | undefined;
  readonly recordBodies: boolean;
}

interface Decision {
  readonly reply: Reply;
  readonly operation: UmOperation | undefined;
  readonly callId?: string | undefined;
  readonly injected?: string | undefined;
  readonly body?: string | undefined;
}

export async function handleRequest(request: IncomingMessage, response: ServerResponse, context: HandlerContext): Promise<void> {
  const at = Date.now();
  response.once('close', context.requestLog.begin());
  const path = pathOf(request.url);
  let decision: Decision;
  try {
    decision = await decide(request, path, context);
  } catch {
    decision = { reply: textReply(500, 'The UM simulator failed to handle this request.\n'), operation: undefined };
  }
  const status = decision.reply.kind === 'http' ? decision.reply.status : decision.reply.kind === 'oversize' ? 200 : 0;
  const callId = decision.callId?.slice(0, MAX_RECORDED_CALL_ID);
  const body = context.recordBodies && decision.body !== undefined ? { body: decision.body } : {};
  context.requestLog.record({ at, path, operation: decision.operation, status, callId, ...body });
  context.log?.(describeRequest(request.method, path, decision, status));

  // The request has taken effect already; only the answer is late, as with a slow server.
  if (!(await pause(context.latencyMs(), context.closing))) {
    response.destroy();
    return;
  }
  await writeReply(response, decision.reply);
}

async function decide(request: IncomingMessage, path: string, context: HandlerContext): Promise<Decision> {
  const soapAction = headerValue(request.headers.soapaction);
  const hinted = operationFromSoapAction(soapAction);
  if (!ENDPOINT_PATHS.has(path.toLowerCase())) return { reply: textReply(404, 'Not Found\n'), operation: hinted };
  if (context.checkAuth && !context.checkAuth(request.headers.authorization)) {
    return { reply: textReply(401, 'Unauthorized\n', { 'www-authenticate': authChallenge() }), operation: hinted };
  }
  if (request.method !== 'POST') {
    return { reply: textReply(405, 'Method Not Allowed: use POST\n', { allow: 'POST' }), operation: hinted };
  }
  const body = await readRequestBody(request);
  if (body.kind === 'too-large') {
    return { reply: { ...textReply(413, 'Request Entity Too Large\n'), closeConnection: true }, operation: hinted };
  }
  if (body.kind === 'aborted') return { reply: { kind: 'reset' }, operation: hinted };

  const parsed =
    body.kind === 'not-utf8'
      ? ({ ok: false, operation: undefined, problem: 'the body is not valid UTF-8' } as const)
      : readUmRequest({ contentType: request.headers['content-type'], soapAction, body: body.text });
  const operation = parsed.operation ?? hinted;
  const text = body.kind === 'text' ? body.text : undefined;
  const failure = context.failures.take(operation);
  if (failure) return { reply: replyForFailure(failure, operation), operation, injected: failure, body: text };
  if (!parsed.ok) {
    const fault = invalidRequestReply(parsed.problem);
    return { reply: xmlReply(fault.status, fault.body), operation, body: text };
  }
  const handled = handleOperation(parsed.operation, parsed.fields, context);
  return { reply: xmlReply(handled.status, handled.body), operation, callId: handled.callId, body: text };
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Waits, unless the simulator closes first; true when the wait ran its course. */
function pause(ms: number, closing: AbortSignal): Promise<boolean> {
  if (closing.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      closing.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    closing.addEventListener('abort', onAbort, { once: true });
  });
}

function describeRequest(method: string | undefined, path: string, decision: Decision, status: number): string {
  const outcome = status === 0 ? 'no response' : String(status);
  const injected = decision.injected ? ` [injected ${decision.injected}]` : '';
  const callId = decision.callId ? ` ${decision.callId.slice(0, 80)}` : '';
  return `${new Date().toISOString()} ${method ?? '?'} ${path.slice(0, 200)} ${decision.operation ?? '-'} ${outcome}${injected}${callId}`;
}
