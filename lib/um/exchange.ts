import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { Deadline, Deadlines, Expiring } from './deadlines';
import { UmBadResponse, UmTimeoutError, type UmOperation } from './errors';
import type { Semaphore } from './semaphore';
import type { RawResponse, TransportOptions } from './transport';

/** What an exchange needs from its transport (UmTransport). */
export interface ExchangeHost {
  readonly options: Pick<TransportOptions, 'timeoutMs' | 'maxResponseBytes'>;
  readonly pool: Dispatcher;
  readonly slots: Semaphore;
  readonly deadlines: Deadlines;
  readonly path: string;
  headersFor(operation: UmOperation): Record<string, string>;
  mapError(error: unknown, operation: UmOperation): Error;
}

// Not streaming, so one fatal decoder can serve every response.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Waiting for a slot, then in undici's hands, then done (resolved or rejected, exactly once). */
type Stage = 'queued' | 'sent' | 'settled';

/**
 * One request, from waiting for a slot to the decoded body, as undici's dispatch handler. The body
 * is collected straight from the socket, with no stream and no AbortController: at its deadline
 * (deadlines.ts) it aborts through undici's own controller. Whatever ends the exchange first (the
 * answer, an error, the deadline, the size cap) settles it; undici's later callbacks are ignored.
 */
export class Exchange implements Dispatcher.DispatchHandler, Expiring {
  private stage: Stage = 'queued';
  private readonly deadline: Deadline;
  /** The callback waiting in the semaphore's queue, if the exchange had to wait for a slot. */
  private granted: (() => void) | undefined;
  private controller: Dispatcher.DispatchController | undefined;
  /** Set when the exchange ended before undici started the request: abort it when it does. */
  private abandoned: Error | undefined;
  private status = 0;
  private contentType: string | undefined;
  private wwwAuthenticate: string | undefined;
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly transport: ExchangeHost,
    private readonly operation: UmOperation,
    private readonly body: string,
    private readonly resolve: (response: RawResponse) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.deadline = transport.deadlines.add(this);
  }

  start(): void {
    if (this.transport.slots.tryAcquire()) {
      this.send();
    } else {
      // Made only when waiting, and kept, so that the same function can be withdrawn at the deadline.
      this.granted = () => this.send();
      this.transport.slots.wait(this.granted);
    }
  }

  private send(): void {
    this.stage = 'sent';
    const { transport } = this;
    transport.pool.dispatch(
      { path: transport.path, method: 'POST', headers: transport.headersFor(this.operation), body: this.body },
      this,
    );
  }

  expire(): void {
    if (this.stage === 'settled') return;
    const { timeoutMs } = this.transport.options;
    if (this.stage === 'queued') {
      if (this.granted) this.transport.slots.withdraw(this.granted);
      this.settle(new UmTimeoutError(timeoutMs, this.operation, 'no'));
      return;
    }
    // undici calls onRequestStart just before it writes the request, and writes nothing once the
    // request is aborted there: without a controller yet, not a byte has gone out.
    this.fail(new UmTimeoutError(timeoutMs, this.operation, this.controller ? 'maybe' : 'no'));
  }

  /** Ends the exchange with `error` and aborts the request (now, or when undici starts it). */
  private fail(error: Error): void {
    this.settle(error);
    if (this.controller) this.controller.abort(error);
    else this.abandoned = error;
  }

  private settle(outcome: Error | RawResponse): void {
    const held = this.stage === 'sent';
    this.stage = 'settled';
    this.transport.deadlines.cancel(this.deadline);
    if (held) this.transport.slots.release();
    if (outcome instanceof Error) this.reject(outcome);
    else this.resolve(outcome);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.abandoned) controller.abort(this.abandoned);
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    if (this.stage === 'settled' || statusCode < 200) return;
    this.status = statusCode;
    this.contentType = headerValue(headers['content-type']);
    this.wwwAuthenticate = headerValue(headers['www-authenticate']);
    const declared = Number(headerValue(headers['content-length']));
    const limit = this.transport.options.maxResponseBytes;
    if (Number.isFinite(declared) && declared > limit) this.tooLarge(`${declared} bytes announced`);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.stage === 'settled') return;
    this.size += chunk.length;
    const limit = this.transport.options.maxResponseBytes;
    if (this.size > limit) this.tooLarge(`over ${limit} bytes read`);
    else this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.stage === 'settled') return;
    const { chunks } = this;
    let text: string;
    try {
      text = utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, this.size));
    } catch {
      this.settle(new UmBadResponse('malformed', 'the body is not valid UTF-8', this.operation, this.status));
      return;
    }
    this.settle({ status: this.status, contentType: this.contentType, wwwAuthenticate: this.wwwAuthenticate, body: text });
  }

  onResponseError(controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.stage !== 'settled') this.settle(this.transport.mapError(error, this.operation));
  }

  private tooLarge(size: string): void {
    const limit = this.transport.options.maxResponseBytes;
    this.fail(new UmBadResponse('oversize', `the body is larger than ${limit} bytes (${size})`, this.operation, this.status));
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
