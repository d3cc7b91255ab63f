import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { perDatabaseMap } from './per-database-map';

/**
 * At most one Disconnect per call at a time. In the process, a map answers a double click at
 * once; in the database, a conditional UPDATE is the lock that also holds across processes.
 */

interface InFlight {
  readonly attemptId: string;
  readonly startedAt: number;
  readonly actorEmail: string | null;
}

function inFlightFor(db: Kysely<Database>): Map<string, InFlight> {
  return perDatabaseMap<InFlight>('disconnects-in-flight', db);
}

/** Claims the call in this process; false when a disconnect of it is already running here. Synchronous on purpose. */
export function claimInProcess(db: Kysely<Database>, callId: string, entry: InFlight): boolean {
  const map = inFlightFor(db);
  if (map.has(callId)) return false;
  map.set(callId, entry);
  return true;
}

export function releaseInProcess(db: Kysely<Database>, callId: string, attemptId: string): void {
  const map = inFlightFor(db);
  if (map.get(callId)?.attemptId === attemptId) map.delete(callId);
}

/** Attempt ids running in this process; recovery must leave their locks alone. */
export function attemptsInProcess(db: Kysely<Database>): string[] {
  return [...inFlightFor(db).values()].map((entry) => entry.attemptId);
}

/** True when this attempt now holds the call's lock (exactly one row changed). */
export async function takeCallLock(db: Kysely<Database>, callId: string, attemptId: string, at: number, instanceId: string | null = null): Promise<boolean> {
  const result = await db
    .updateTable('calls')
    .set({ disconnect_attempt_id: attemptId, disconnect_started_at: at, disconnect_instance_id: instanceId })
    .where('call_id', '=', callId)
    .where('disconnect_attempt_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseCallLock(db: Kysely<Database>, callId: string, attemptId: string): Promise<void> {
  await db
    .updateTable('calls')
    .set({ disconnect_attempt_id: null, disconnect_started_at: null, disconnect_instance_id: null })
    .where('call_id', '=', callId)
    .where('disconnect_attempt_id', '=', attemptId)
    .execute();
}

/** "A disconnect for this call is already in progress (started by … at …)." */
export async function describeRunningDisconnect(db: Kysely<Database>, callId: string): Promise<string> {
  let by: string | null = null;
  let at: number | null = null;
  const local = inFlightFor(db).get(callId);
  if (local) {
    by = local.actorEmail;
    at = local.startedAt;
  } else {
    const row = await db
      .selectFrom('calls')
      .leftJoin('audit_events as e', (join) =>
        join.onRef('e.attempt_id', '=', 'calls.disconnect_attempt_id').on('e.action', '=', 'disconnect.requested'),
      )
      .select(['calls.disconnect_started_at', 'e.actor_email', 'e.actor_id'])
      .where('calls.call_id', '=', callId)
      .executeTakeFirst();
    at = row?.disconnect_started_at ?? null;
    by = row?.actor_email ?? null;
  }
  const parts = [by ? `started by ${by}` : null, at !== null ? `at ${new Date(Number(at)).toISOString()}` : null].filter(Boolean);
  const when = parts.length > 0 ? ` (${parts.join(' ')})` : '';
  return `A disconnect for this call is already in progress${when}. Wait for its result; nothing more was sent.`;
}
