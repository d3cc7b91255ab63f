import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor';
import type { Database } from '../../db/schema';
import { perDatabaseMap } from '../per-database-map';

/** A batch being run in this process. `wanted` is how its workers know to stop taking calls. */
export interface BatchRunner {
  readonly batchId: string;
  readonly reason: string;
  /** Who sends the remaining calls: the starter, or whoever resumed the batch last. */
  actor: Actor;
  wanted: 'run' | 'pause' | 'cancel';
  failuresInRow: number;
  /** Settles when the runner has stopped (finished, paused and drained, or cancelled and drained). */
  done: Promise<void>;
}

/** This process's running batches (progress itself is read from the database). */
export function runnersFor(db: Kysely<Database>): Map<string, BatchRunner> {
  return perDatabaseMap<BatchRunner>('batch-runners', db);
}

/** The runner of a batch in this process, if it is running here. */
export function findRunner(db: Kysely<Database>, batchId: string): BatchRunner | undefined {
  return runnersFor(db).get(batchId);
}

/**
 * The `done` of every runner of this process until it settles. A runner leaves the registry before
 * its last writes (the finished status and batch.finish), so that a resume coming meanwhile starts a
 * new one; shutdown must still wait for those writes.
 */
const unsettled = new WeakMap<Kysely<Database>, Set<Promise<void>>>();

/** Keeps `runner.done` for waitForBatches until it settles; call once it is set. */
export function trackUntilSettled(db: Kysely<Database>, runner: BatchRunner): void {
  let pending = unsettled.get(db);
  if (!pending) unsettled.set(db, (pending = new Set()));
  const done = runner.done;
  pending.add(done);
  void done.finally(() => pending.delete(done));
}

/** Settles once every batch running in this process has stopped and written its end; for shutdown and tests. */
export async function waitForBatches(db: Kysely<Database>): Promise<void> {
  await Promise.all([...(unsettled.get(db) ?? [])]);
}
