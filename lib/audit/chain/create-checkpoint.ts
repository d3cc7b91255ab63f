import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AnyActor } from '../../auth/actor';
import type { Database } from '../../db/schema';
import { appendAuditEvent, type Clock } from '../append-audit-event';
import { queueAppend } from './append-queue';
import type { AuditKey } from './audit-key';
import { appendCheckpointLine, defaultCheckpointFile } from './checkpoint-file';
import { signCheckpoint, type AuditCheckpoint, type CheckpointReason } from './checkpoint-format';
import { insertCheckpoint, latestStoredCheckpoint } from './checkpoint-store';
import { lockAuditHead } from './lock-audit-head';
import { getAuditSigningKeyForWriting } from './audit-keys-for-writing';
import type { AuditSigningKey } from './signing-key';

/** Keys, file and clock of the integrity functions; each defaults to the process's own. */
export interface IntegrityOptions {
  readonly hmacKey?: AuditKey;
  readonly signingKey?: AuditSigningKey;
  /** Default `<dataDir>/audit-checkpoints.jsonl`. */
  readonly checkpointFile?: string;
  readonly clock?: Clock;
}

export interface CheckpointRequest extends IntegrityOptions {
  readonly reason: CheckpointReason;
  /** Who asked (on-demand): recorded as an `audit.checkpoint` event that the checkpoint then covers. */
  readonly actor?: AnyActor;
  /** How the requester is named on the checkpoint: an email, or cli:<OS user>. */
  readonly requestedBy?: string | null;
  /** Extra details for the `audit.checkpoint` event (e.g. the CLI's OS user). */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface CheckpointOutcome {
  /** False when nothing was signed: an empty log, or (not on demand) a head that has not moved. */
  readonly created: boolean;
  /** The new checkpoint, or the last one when the head had not moved; null for an empty log. */
  readonly checkpoint: AuditCheckpoint | null;
}

/**
 * Signs the audit log's head. Under the append lock, so seq and hash are one consistent head and
 * no append can slip between reading it and signing it. On demand, the request is first appended as
 * `audit.checkpoint` (who asked) and the checkpoint covers that very event. The checkpoint goes to
 * the database and, once committed, as a line to the checkpoint file (fsync'd): writing the file
 * before the commit could leave it vouching for a row that was rolled back.
 */
export async function createAuditCheckpoint(db: Kysely<Database>, request: CheckpointRequest): Promise<CheckpointOutcome> {
  const signingKey = request.signingKey ?? (await getAuditSigningKeyForWriting(db));
  const clock = request.clock ?? Date.now;
  const id = randomUUID();
  const sign = async (trx: Kysely<Database>): Promise<CheckpointOutcome> => {
    await lockAuditHead(trx);
    if (request.reason === 'on-demand') {
      if (!request.actor) throw new Error('An on-demand checkpoint needs the actor who asked for it.');
      await appendAuditEvent(
        trx,
        { action: 'audit.checkpoint', actor: request.actor, outcome: 'success', details: { checkpointId: id, ...request.details } },
        clock,
        request.hmacKey ? { key: request.hmacKey } : {},
      );
    }
    const head = await trx.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    // Rows from before the hash chain carry no hash: there is nothing a signature could pin down.
    if (!head || head.hash === null) return { created: false, checkpoint: null };
    const last = await latestStoredCheckpoint(trx);
    const unmoved = last !== null && last.seq === Number(head.seq) && last.hash === head.hash && last.keyId === signingKey.keyId;
    if (request.reason !== 'on-demand' && unmoved) return { created: false, checkpoint: last };
    const checkpoint = signCheckpoint(signingKey, {
      id,
      seq: Number(head.seq),
      hash: head.hash,
      at: clock(),
      reason: request.reason,
      requestedBy: request.requestedBy ?? null,
    });
    await insertCheckpoint(trx, checkpoint);
    return { created: true, checkpoint };
  };
  const outcome = await queueAppend(() => db.transaction().execute(sign));
  if (outcome.created && outcome.checkpoint) appendCheckpointLine(request.checkpointFile ?? defaultCheckpointFile(), outcome.checkpoint);
  return outcome;
}
