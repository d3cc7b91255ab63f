import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor';
import type { Database } from '../../db/schema';

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

// One registry per process, on globalThis (Next may load this module twice), per database handle
// (tests open several). Progress is read from the database; this only steers the running loops.
const KEY = Symbol.for('um-call-console.batch-runners');
const holder = globalThis as typeof globalThis & { [KEY]?: WeakMap<object, Map<string, BatchRunner>> };

export function runnersFor(db: Kysely<Database>): Map<string, BatchRunner> {
  holder[KEY] ??= new WeakMap();
  let map = holder[KEY].get(db);
  if (!map) {
    map = new Map();
    holder[KEY].set(db, map);
  }
  return map;
}

/** The runner of a batch in this process, if it is running here. */
export function findRunner(db: Kysely<Database>, batchId: string): BatchRunner | undefined {
  return runnersFor(db).get(batchId);
}

/** Settles once every batch running in this process has stopped; for shutdown and tests. */
export async function waitForBatches(db: Kysely<Database>): Promise<void> {
  await Promise.all([...runnersFor(db).values()].map((runner) => runner.done));
}
