import type { CallState, EventCause } from '../call-state';
import type { UmOperation } from '../errors';

export interface UmSimulatorOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** When set, Basic auth is required; a missing or wrong Authorization header gets 401. */
  username?: string;
  password?: string;
  /** Connecting → Connected for a normal call; default 1500. */
  ringMs?: number;
  /** Disconnect accepted → Disconnected; default 300. */
  teardownMs?: number;
  /** Ended calls stay queryable this long, then InvalidCallIdException; default 300 000. */
  retentionMs?: number;
  /** How long a never-answering call rings before Disconnected/NoAnswer; default 90 000. */
  noAnswerMs?: number;
  /** Delay before every response; default 0. */
  latencyMs?: number;
  /** Embedded in CallIds; default 'um-sim-01.contoso.test'. */
  serverFqdn?: string;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Receives one line per request. */
  log?: (line: string) => void;
  /**
   * Keep each request's body (up to 64 KiB, the largest taken) in its record, for tests that check
   * exactly what was sent. Off by default: 10 000 kept records must stay small.
   */
  recordBodies?: boolean;
}

export type SimulatedFailureKind =
  | 'http503'
  /** never answers until the client gives up */
  | 'timeout'
  /** truncated XML, 200 */
  | 'malformed'
  /** 200 with a >1 MiB body */
  | 'oversize'
  /** destroys the socket */
  | 'reset'
  /** 200 text/html */
  | 'wrong-content-type'
  /** 200, empty body */
  | 'empty';

export interface SimulatedFailure {
  kind: SimulatedFailureKind;
  /** How many matching requests fail; default: until cleared. */
  count?: number;
  /** Only requests for these operations fail; default: every request to a UM endpoint. */
  operations?: readonly UmOperation[];
}

export interface SimulatorRequestRecord {
  /** When the request arrived (epoch ms). */
  readonly at: number;
  readonly path: string;
  readonly operation: UmOperation | undefined;
  /** The HTTP status sent, or 0 when no response was sent (injected timeout or reset). */
  readonly status: number;
  /** The CallId the request named, or the one a PlayOnPhone call was given. */
  readonly callId: string | undefined;
  /** The request body as received (UTF-8 text), only when the simulator records bodies. */
  readonly body?: string;
}

export interface SimulatedCallSnapshot {
  callId: string;
  dialString: string;
  state: CallState;
  cause: EventCause;
  /** The dial-string scenario, see scenarios.ts: normal, no-answer, busy, unavailable, stuck. */
  scenario: string;
  createdAt: number;
  stateSince: number;
  disconnectRequests: number;
}

export interface UmSimulator {
  /** `${origin}/EWS/UM2007Legacy.asmx` */
  readonly url: string;
  /** `${origin}/UnifiedMessaging/Service.asmx` */
  readonly legacyUrl: string;
  /** e.g. http://127.0.0.1:40123 */
  readonly origin: string;
  /** The last 10 000 requests, oldest first (a copy). */
  readonly requests: readonly SimulatorRequestRecord[];
  /** Requests received since start (all, or for one operation); not limited to the kept records. */
  requestCount(operation?: UmOperation): number;
  /** The most requests ever being handled at the same moment (for concurrency-bound tests). */
  readonly peakConcurrency: number;
  setLatency(ms: number): void;
  injectFailure(failure: SimulatedFailure): void;
  clearFailures(): void;
  getCall(callId: string): SimulatedCallSnapshot | undefined;
  listCalls(): SimulatedCallSnapshot[];
  /** Closes the server, every socket (including hanging ones) and every timer. */
  close(): Promise<void>;
}
