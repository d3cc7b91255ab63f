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

/** Settles once every batch running in this process has stopped; for shutdown and tests. */
export async function waitForBatches(db: Kysely<Database>): Promise<void> {
  await Promise.all([...runnersFor(db).values()].map((runner) => runner.done));
}
