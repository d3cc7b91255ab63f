import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { findAuditHmacKey, type AuditKey } from './audit-key';
import { defaultCheckpointFile } from './checkpoint-file';
import type { AuditCheckpoint } from './checkpoint-format';
import { loadKnownCheckpoints } from './checkpoint-store';
import { findLogStart } from './log-start';
import { findAuditSigningKey, type AuditSigningKey } from './signing-key';
import { verifyCheckpoints, type CheckpointProblem } from './verify-checkpoints';
import { verifyAuditChain, type ChainProblem, type ChainVerified } from './verify-chain';

export type LogProblem = ChainProblem | CheckpointProblem;

export interface LogVerified extends Omit<ChainVerified, 'ok'> {
  readonly ok: true;
  /** The log begins after a retention prune through this seq; null when it begins at seq 1. */
  readonly prunedThrough: number | null;
  /** The valid checkpoint with the highest seq; null before the first one. */
  readonly lastCheckpoint: AuditCheckpoint | null;
  /** Checkpoints checked (database and file copies together). */
  readonly checkpoints: number;
  /** Lines of the checkpoint file that were not a checkpoint and were skipped. */
  readonly unreadableCheckpointLines: number;
}

export interface LogBroken {
  readonly ok: false;
  readonly firstBadSeq: number;
  readonly problem: LogProblem;
  readonly detail: string;
}

export type LogVerification = LogVerified | LogBroken;

export interface VerifyLogOptions {
  /** Default: AUDIT_HMAC_KEY or the key file, never created here. */
  readonly hmacKey?: AuditKey | undefined;
  /** Default: AUDIT_SIGNING_KEY or the key file, never created here. */
  readonly signingKey?: AuditSigningKey | undefined;
  readonly checkpointFile?: string;
  readonly batchSize?: number;
}

/**
 * The whole check: the hash chain from where the log may begin (seq 1, or just after a recorded
 * prune), then every signed checkpoint from the database and the checkpoint file against it.
 * Checkpoints are read BEFORE the walk: one signed meanwhile may cover rows appended after the
 * walk passed the end, and must not read as rows missing.
 */
export async function verifyAuditLog(db: Kysely<Database>, options: VerifyLogOptions = {}): Promise<LogVerification> {
  const hmacKey = 'hmacKey' in options ? options.hmacKey : findAuditHmacKey();
  const signingKey = 'signingKey' in options ? options.signingKey : findAuditSigningKey();
  const known = await loadKnownCheckpoints(db, options.checkpointFile ?? defaultCheckpointFile());
  if (hmacKey === undefined) {
    const any = await db.selectFrom('audit_events').select('seq').orderBy('seq', 'asc').limit(1).executeTakeFirst();
    if (any) {
      return broken(Number(any.seq), 'unverifiable', 'no audit key was found (set AUDIT_HMAC_KEY, or restore audit-hmac-key in the data folder).');
    }
  }
  const begin = await findLogStart(db, known.checkpoints, signingKey);
  if (!begin.ok) {
    const { firstMissing, firstSeq } = begin;
    const range = firstMissing === firstSeq - 1 ? `seq ${firstMissing} is` : `seq ${firstMissing}–${firstSeq - 1} are`;
    return broken(firstMissing, 'missing', `${range} missing: the log starts at seq ${firstSeq}, and ${begin.why}.`);
  }
  const chain =
    hmacKey === undefined
      ? { ok: true as const, count: 0, headSeq: null, headHash: null, predatesChain: null }
      : await verifyAuditChain(db, hmacKey, options.batchSize, begin.start);
  if (!chain.ok) return broken(chain.firstBadSeq, chain.problem, chain.detail);
  const checked = await verifyCheckpoints(db, known.checkpoints, signingKey, { startSeq: begin.start.seq, headSeq: chain.headSeq });
  if (!checked.ok) return broken(checked.firstBadSeq, checked.problem, checked.detail);
  return {
    ...chain,
    prunedThrough: begin.prunedThrough,
    lastCheckpoint: checked.latest,
    checkpoints: checked.valid,
    unreadableCheckpointLines: known.unreadableLines,
  };
}

function broken(firstBadSeq: number, problem: LogProblem, detail: string): LogBroken {
  return { ok: false, firstBadSeq, problem, detail };
}
