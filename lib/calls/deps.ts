import { setTimeout as delay } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Clock } from '../audit/append-audit-event';
import type { Database } from '../db/schema';
import type { UmClient } from '../um';

export type { Clock };
export type Sleep = (ms: number) => Promise<void>;

/** What the call functions work with; passed in, so tests hand over a temp database and a simulator client. */
export interface CallsDeps {
  readonly db: Kysely<Database>;
  readonly um: UmClient;
  /** Epoch ms; default Date.now. */
  readonly clock?: Clock;
  /**
   * The console instance doing the work (lib/coordination), recorded on the attempts and bulk runs
   * it owns so that another instance's recovery leaves them alone while it lives. Absent outside a
   * server runtime (tests, CLIs): such work counts as owned by nobody alive.
   */
  readonly instanceId?: string;
}

export interface DisconnectDeps extends CallsDeps {
  /** How long GetCallInfo is polled after the service took the hang-up (disconnectVerifyTimeoutMs); 0: not at all. */
  readonly verifyTimeoutMs: number;
  /** Default: a real timer. */
  readonly sleep?: Sleep;
  /** Waits between verification checks; the last one repeats. */
  readonly verifyBackoffMs?: readonly number[];
}

export const DEFAULT_VERIFY_BACKOFF_MS: readonly number[] = [250, 250, 500, 500, 1_000];

export const realSleep: Sleep = (ms) => delay(ms, undefined);

export function clockOf(deps: { readonly clock?: Clock | undefined }): Clock {
  return deps.clock ?? Date.now;
}
