// Shared set-up for the audit, calls and runtime tests: a real database of either kind (a SQLite
// file in a temp folder, or a PostgreSQL schema), an in-process UM simulator over loopback, a real
// client, and people with each role.
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import type { Actor, AnonymousActor } from '../../lib/auth/actor';
import type { Role } from '../../lib/auth/roles';
import { trackCall, type DisconnectDeps } from '../../lib/calls';
import { createUmClient, type UmClient } from '../../lib/um';
import { startUmSimulator, type UmSimulator, type UmSimulatorOptions } from '../../lib/um/simulator';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from '../helpers/databases/test-database';

export type { DatabaseKind, TestDatabase };

export const ENTRY_ID = 'AAAAAGsd2rbQLVtLobUGbrq/9IUHAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAACxVpEl+KVVLl957wp//x6UAGAetcDUAAA==';

/** A CallId of the documented shape that no simulator ever handed out. */
export const UNKNOWN_CALL_ID = Buffer.from('00000000-0000-4000-8000-000000000000@um-sim-01.contoso.test').toString('base64');

export function person(role: Role, name: string = role): Actor {
  return {
    kind: 'user',
    id: `user-${name}`,
    email: `${name}@contoso.test`,
    displayName: name,
    role,
    authMethod: 'session',
    sourceIp: '127.0.0.1',
    userAgent: 'node:test',
  };
}

export const STRANGER: AnonymousActor = {
  kind: 'anonymous',
  claimedEmail: null,
  authMethod: 'none',
  sourceIp: '127.0.0.1',
  userAgent: 'node:test',
};

export interface Harness {
  readonly database: TestDatabase;
  readonly simulator: UmSimulator;
  readonly client: UmClient;
  readonly deps: DisconnectDeps;
  /** Places a call on the simulator and returns its CallId (not tracked). */
  place(dialString: string): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly simulator?: UmSimulatorOptions;
  readonly clientTimeoutMs?: number;
  readonly maxConcurrency?: number;
  readonly verifyTimeoutMs?: number;
  readonly verifyBackoffMs?: readonly number[];
}

export async function startHarness(kind: DatabaseKind, options: HarnessOptions = {}): Promise<Harness> {
  const database = await openTestDatabase(kind);
  const simulator = await startUmSimulator({ ringMs: 50, teardownMs: 100, ...options.simulator });
  const client = createUmClient({
    url: simulator.url,
    timeoutMs: options.clientTimeoutMs ?? 5_000,
    maxConcurrency: options.maxConcurrency ?? 16,
  });
  const deps: DisconnectDeps = {
    db: database.db,
    um: client,
    verifyTimeoutMs: options.verifyTimeoutMs ?? 3_000,
    verifyBackoffMs: options.verifyBackoffMs ?? [50, 50, 100],
  };
  return {
    database,
    simulator,
    client,
    deps,
    place: (dialString) => client.playOnPhone(ENTRY_ID, dialString),
    close: async () => {
      await client.close();
      await simulator.close();
      await database.dispose();
    },
  };
}

export async function eventually<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) assert.fail(`not reached within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await delay(20);
  }
}

/** Places a call on the simulator and tracks it as an operator would. */
export async function trackedCall(h: Harness, dialString: string, label = 'Test call'): Promise<string> {
  const callId = await h.place(dialString);
  const tracked = await trackCall(h.deps, person('operator', 'olivia'), { callId, label }, 'browser');
  assert.ok(tracked.ok, JSON.stringify(tracked));
  return callId;
}
