import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR, type AnyActor } from '../../auth/actor';
import type { Database } from '../../db/schema';
import { fail, ok, type Result } from '../../result';
import { appendAuditEvent } from '../append-audit-event';
import { queueAppend } from '../chain/append-queue';
import { getAuditHmacKeyForWriting, getAuditSigningKeyForWriting } from '../chain/audit-keys-for-writing';
import type { AuditCheckpoint } from '../chain/checkpoint-format';
import { createAuditCheckpoint, type IntegrityOptions } from '../chain/create-checkpoint';
import { lockAuditHead } from '../chain/lock-audit-head';
import { verifyAuditLog } from '../chain/verify-log';
import { lockAgainstPrune } from '../../db/write-lock';
import { whilePruneExcluded } from '../integrity/while-prune-excluded';
import { choosePruneCheckpoint } from './prune-boundary';
import { getAuditRetention } from './retention-setting';

const DAY_MS = 86_400_000;

export interface PruneRequest extends IntegrityOptions {
  /** Default: the administrator's setting. 0 keeps everything. */
  readonly days?: number;
  /** Who prunes: the console itself by default, or the admin CLI. */
  readonly actor?: AnyActor;
  readonly details?: Readonly<Record<string, unknown>>;
}

export type PruneOutcome =
  | { readonly pruned: false; readonly why: 'keep-forever' | 'nothing-prunable'; readonly retentionDays: number }
  | {
      readonly pruned: true;
      readonly retentionDays: number;
      readonly throughSeq: number;
      readonly removed: number;
      readonly checkpoint: AuditCheckpoint;
    };

/**
 * Removes the audit events older than the retention, a whole segment at a time: everything up to
 * the newest checkpoint whose rows are all older than the cutoff (see prune-boundary.ts). Only a
 * log that verifies is pruned — pruning a tampered one would destroy the evidence. A 'before-prune'
 * checkpoint first signs the head as it stood; then, in one transaction under the append lock, a
 * permit lets the DELETE trigger pass for exactly those rows, the rows go, the permit goes, and
 * `audit.pruned` records throughSeq, the checkpoint, the count and the retention. The verifier
 * accepts a log starting at throughSeq + 1 only with that event and that signed checkpoint.
 */
export async function pruneAuditLog(db: Kysely<Database>, request: PruneRequest = {}): Promise<Result<PruneOutcome, 'unverified'>> {
  const clock = request.clock ?? Date.now;
  const retentionDays = request.days ?? (await getAuditRetention(db)).days;
  if (retentionDays <= 0) return ok({ pruned: false, why: 'keep-forever', retentionDays });
  const hmacKey = request.hmacKey ?? (await getAuditHmacKeyForWriting(db));
  const signingKey = request.signingKey ?? (await getAuditSigningKeyForWriting(db));
  const options: IntegrityOptions = { hmacKey, signingKey, checkpointFile: request.checkpointFile, clock };
  const verified = await whilePruneExcluded(db, (reader) => verifyAuditLog(reader, options));
  if (!verified.ok) {
    return fail('unverified', `Nothing was pruned: the audit log failed verification at seq ${verified.firstBadSeq} (${verified.problem}). Run verify-audit and resolve that first.`);
  }
  const cutoff = clock() - retentionDays * DAY_MS;
  const checkpoint = await choosePruneCheckpoint(db, signingKey, cutoff, verified.prunedThrough ?? 0);
  if (!checkpoint) return ok({ pruned: false, why: 'nothing-prunable', retentionDays });
  await createAuditCheckpoint(db, { ...options, reason: 'before-prune' });

  const removed = await queueAppend(() =>
    db.transaction().execute(async (trx) => {
      // Waits for every verification under way (any instance) and keeps new ones out until commit.
      // Before the append lock, so appends go on while it waits.
      await lockAgainstPrune(trx, 'exclusive');
      await lockAuditHead(trx);
      const row = await trx.selectFrom('audit_events').select('hash').where('seq', '=', checkpoint.seq).executeTakeFirst();
      // Another process's prune got there first (both verified the same log): nothing left to do.
      if (!row && (await firstSeqAfter(trx, checkpoint.seq))) return null;
      if (row?.hash !== checkpoint.hash) throw new Error(`The row at seq ${checkpoint.seq} changed while the prune was prepared.`);
      await trx.insertInto('audit_prune_permits').values({ through_seq: checkpoint.seq, created_at: clock() }).execute();
      const deleted = await trx.deleteFrom('audit_events').where('seq', '<=', checkpoint.seq).executeTakeFirst();
      await trx.deleteFrom('audit_prune_permits').where('through_seq', '=', checkpoint.seq).execute();
      const count = Number(deleted.numDeletedRows);
      await appendAuditEvent(
        trx,
        {
          action: 'audit.pruned',
          actor: request.actor ?? SYSTEM_ACTOR,
          outcome: 'success',
          details: {
            throughSeq: checkpoint.seq,
            checkpointId: checkpoint.id,
            checkpointHash: checkpoint.hash,
            removed: count,
            retentionDays,
            cutoff: new Date(cutoff).toISOString(),
            ...request.details,
          },
        },
        clock,
        { key: hmacKey },
      );
      return count;
    }),
  );
  if (removed === null) return ok({ pruned: false, why: 'nothing-prunable', retentionDays });
  return ok({ pruned: true, retentionDays, throughSeq: checkpoint.seq, removed, checkpoint });
}

/** True when the log now starts after `seq` (every row up to it is gone). */
async function firstSeqAfter(db: Kysely<Database>, seq: number): Promise<boolean> {
  const first = await db.selectFrom('audit_events').select('seq').orderBy('seq', 'asc').limit(1).executeTakeFirst();
  return first !== undefined && Number(first.seq) > seq;
}
