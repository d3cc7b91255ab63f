import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ControlledTransaction, Kysely, Transaction } from 'kysely';
import { dialectOf } from '../db/dialect-of';
import type { Database } from '../db/schema';
import { queueAppend } from './chain/append-queue';

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Job {
  readonly work: Work<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** Per database handle: the work waiting for the next group commit (SQLite). */
const waiting = new WeakMap<Kysely<Database>, Job[]>();

const SAVEPOINT = 'audit_work';

/**
 * Runs `work` in one transaction queued with this process's audit appends, for writes that must
 * commit together with an audit event (appendAuditEvent(trx, …) inside joins it): one durable commit
 * instead of several, and, like every append, never interleaved with another handle's append.
 * Resolves once `work`'s writes are committed; rejects, with none of them written, when it throws
 * or the commit fails.
 *
 * SQLite: each commit waits for the disk (synchronous=FULL), on the event loop's one thread. Work
 * that arrives while another waits its turn shares one commit with it, like a database server's
 * group commit: each piece runs inside a savepoint of its own, so one that throws is undone alone,
 * and nobody hears back before the shared commit is on disk. PostgreSQL: the server groups commits
 * itself, and each piece keeps a transaction of its own.
 */
export function inAuditTransaction<T>(db: Kysely<Database>, work: Work<T>): Promise<T> {
  if (dialectOf(db) === 'postgres') return queueAppend(() => db.transaction().execute(work));
  return new Promise<T>((resolve, reject) => {
    let jobs = waiting.get(db);
    if (!jobs) {
      const group: Job[] = [];
      jobs = group;
      waiting.set(db, group);
      void queueAppend(async () => {
        // One turn of the event loop first: work made ready by what arrived meanwhile (other calls'
        // answers) joins this commit instead of waiting for one of its own.
        await nextTurn();
        if (waiting.get(db) === group) waiting.delete(db);
        await commitGroup(db, group);
      });
    }
    jobs.push({ work: work as Work<unknown>, resolve: resolve as (value: unknown) => void, reject });
  });
}

/** Runs every job of a group in one transaction and settles each; never rejects itself. */
async function commitGroup(db: Kysely<Database>, jobs: readonly Job[]): Promise<void> {
  const [only] = jobs;
  if (jobs.length === 1 && only) {
    await db.transaction().execute(only.work).then(only.resolve, only.reject);
    return;
  }
  const done: Array<{ readonly job: Job; readonly value: unknown }> = [];
  let next = 0;
  let trx: ControlledTransaction<Database> | undefined;
  try {
    trx = await db.startTransaction().execute();
    for (; next < jobs.length; next += 1) {
      const job = jobs[next] as Job;
      const savepoint = await trx.savepoint(SAVEPOINT).execute();
      let value: unknown;
      try {
        value = await job.work(savepoint);
      } catch (error) {
        // Only this job's writes are undone; the others go on.
        await savepoint.rollbackToSavepoint(SAVEPOINT).execute();
        await savepoint.releaseSavepoint(SAVEPOINT).execute();
        job.reject(error);
        continue;
      }
      await savepoint.releaseSavepoint(SAVEPOINT).execute();
      done.push({ job, value });
    }
    await trx.commit().execute();
  } catch (error) {
    // The commit failed, or a job could not be undone alone: nothing of the group is written.
    if (trx && !trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute().catch(() => undefined);
    for (const { job } of done) job.reject(error);
    for (const job of jobs.slice(next)) job.reject(error);
    return;
  }
  for (const { job, value } of done) job.resolve(value);
}
