import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db/dialect-of';
import type { Database } from '../db/schema';
import { COORDINATION_CLASS, instanceKey, leaderKey } from './advisory-keys';

export interface Coordinator {
  /** This process's identity, recorded on the disconnect attempts and bulk runs it owns. */
  readonly instanceId: string;
  /** True while this process leads: runs the status poller, periodic checkpoints and the prune. */
  isLeader(): boolean;
  /** Gives up leadership and the instance lock, and removes this instance's row. */
  stop(): Promise<void>;
}

export interface CoordinatorOptions {
  /** How often a follower tries to take the lead, and the leader checks its session (POLL_INTERVAL_MS). */
  readonly intervalMs: number;
  /** Called once each time this process becomes the leader. */
  readonly onLeadership?: () => void;
  /** Called every interval after the lead was tried; failures are logged. */
  readonly onTick?: (leading: boolean) => Promise<void>;
  readonly log?: (line: string) => void;
}

/**
 * Makes this process one instance among those sharing the database. On PostgreSQL it keeps one
 * pooled connection for itself, holding two session-level advisory locks: its instance lock (held
 * for life: others read it as "alive") and, when it got it, the leader lock. A process that dies
 * loses its connection and with it both locks, so a follower takes the lead at its next try, within
 * one interval. On SQLite one process serves the file: it leads, and there is nobody to tell.
 */
export async function startCoordinator(db: Kysely<Database>, options: CoordinatorOptions): Promise<Coordinator> {
  const instanceId = randomUUID();
  if (dialectOf(db) !== 'postgres') return { instanceId, isLeader: () => true, stop: async () => undefined };
  const log = options.log ?? ((line: string) => console.log(line));
  let leading = false;
  let stopped = false;
  let wake: () => void = () => undefined;
  let isReady = false;
  let ready: (error?: unknown) => void = () => undefined;
  const started = new Promise<void>((resolve, reject) => {
    ready = (error) => {
      if (isReady) return;
      isReady = true;
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
  });

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function holdSession(): Promise<void> {
    await db.connection().execute(async (session) => {
      try {
        await sql`select pg_advisory_lock(${COORDINATION_CLASS}, ${instanceKey(instanceId)})`.execute(session);
        // After the lock: whoever sees this row and finds no lock may take us for dead and close our attempts.
        await db
          .insertInto('console_instances')
          .values({ instance_id: instanceId, started_at: Date.now(), host: hostname(), pid: process.pid })
          .onConflict((oc) => oc.column('instance_id').doNothing())
          .execute();
        while (!stopped) {
          if (!leading) {
            const { rows } = await sql<{ got: boolean }>`select pg_try_advisory_lock(${COORDINATION_CLASS}, ${leaderKey()}) as got`.execute(session);
            if (rows[0]?.got === true) {
              leading = true;
              log(`This console instance (${instanceId}) now leads: it runs the status poller, checkpoints and retention.`);
              options.onLeadership?.();
            }
          } else {
            // A cheap round trip: a session the server dropped shows up here, not in a silent follower.
            await sql`select 1`.execute(session);
          }
          // Start-up waits for the first try, so it knows whether this instance leads.
          ready();
          await options.onTick?.(leading).catch((error: unknown) => console.error('A coordination round failed:', error));
          if (!stopped) await pause(options.intervalMs);
        }
      } finally {
        leading = false;
        // The connection goes back to the pool: it must not keep this instance's locks.
        await sql`select pg_advisory_unlock_all()`.execute(session).catch(() => undefined);
      }
    });
  }

  const loop = (async () => {
    while (!stopped) {
      try {
        await holdSession();
      } catch (error) {
        // A start that cannot coordinate does not start: the caller hears why.
        if (!isReady) stopped = true;
        ready(error);
        if (stopped) break;
        console.error('The coordination session with PostgreSQL failed; retrying:', error);
        await pause(options.intervalMs);
      }
    }
  })();

  await started;
  return {
    instanceId,
    isLeader: () => leading,
    stop: async () => {
      stopped = true;
      wake();
      await loop;
      await db.deleteFrom('console_instances').where('instance_id', '=', instanceId).execute().catch(() => undefined);
    },
  };
}
