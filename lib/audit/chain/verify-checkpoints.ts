import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { checkCheckpointSignature, type AuditCheckpoint } from './checkpoint-format';
import type { AuditSigningKey } from './signing-key';

export type CheckpointProblem = 'truncated' | 'checkpoint-mismatch' | 'forged-checkpoint' | 'foreign-checkpoint' | 'unverifiable';

export type CheckpointVerification =
  | { readonly ok: true; readonly latest: AuditCheckpoint | null; readonly valid: number }
  | { readonly ok: false; readonly firstBadSeq: number; readonly problem: CheckpointProblem; readonly detail: string };

/** The log as the chain walk found it. */
export interface WalkedLog {
  /** The first seq the walk began at (1, or the seq after a prune). */
  readonly startSeq: number;
  /** null: the log is empty. */
  readonly headSeq: number | null;
}

const LOOKUP_CHUNK = 500;

/**
 * Holds the walked log against every known checkpoint, in seq order: each must carry a valid
 * signature of this console's key; the row at its seq must still have the hash it signed (unless a
 * prune removed that row); and the head must reach the highest one — rows missing from the end
 * are 'truncated', named from the first missing seq.
 */
export async function verifyCheckpoints(
  db: Kysely<Database>,
  checkpoints: readonly AuditCheckpoint[],
  signingKey: AuditSigningKey | undefined,
  log: WalkedLog,
): Promise<CheckpointVerification> {
  if (checkpoints.length === 0) return { ok: true, latest: null, valid: 0 };
  if (signingKey === undefined) {
    const seq = checkpoints[0]?.seq ?? 1;
    return broken(seq, 'unverifiable', `checkpoints exist but the audit signing key was not found (set AUDIT_SIGNING_KEY, or restore audit-signing-key in the data folder).`);
  }
  for (const checkpoint of checkpoints) {
    const signature = checkCheckpointSignature(checkpoint, signingKey);
    if (signature === 'forged') {
      return broken(checkpoint.seq, 'forged-checkpoint', `checkpoint ${checkpoint.id} for seq ${checkpoint.seq} (dated ${iso(checkpoint.at)}) does not carry a valid signature of this console's key: it was forged or altered.`);
    }
    if (signature === 'other-key') {
      return broken(checkpoint.seq, 'foreign-checkpoint', `checkpoint ${checkpoint.id} for seq ${checkpoint.seq} is signed by another key (${checkpoint.keyId}), not this console's (${signingKey.keyId}).`);
    }
  }
  const hashes = await rowHashes(db, checkpoints.filter((c) => c.seq >= log.startSeq && log.headSeq !== null && c.seq <= log.headSeq).map((c) => c.seq));
  for (const checkpoint of checkpoints) {
    const hash = hashes.get(checkpoint.seq);
    if (hash !== undefined && hash !== checkpoint.hash) {
      return broken(checkpoint.seq, 'checkpoint-mismatch', `seq ${checkpoint.seq} is not the row checkpoint ${checkpoint.id} signed ${iso(checkpoint.at)}: its hash differs, so rows were removed and written again from here or earlier.`);
    }
  }
  const highest = checkpoints.reduce((a, b) => (b.seq > a.seq || (b.seq === a.seq && b.at > a.at) ? b : a));
  const reached = log.headSeq ?? log.startSeq - 1;
  if (highest.seq > reached) {
    const rows = log.headSeq === null ? 'every row is missing' : `rows after seq ${reached} are missing`;
    return broken(reached + 1, 'truncated', `${rows}: checkpoint signed ${iso(highest.at)} covers seq ${highest.seq}.`);
  }
  return { ok: true, latest: highest, valid: checkpoints.length };
}

async function rowHashes(db: Kysely<Database>, seqs: readonly number[]): Promise<Map<number, string | null>> {
  const hashes = new Map<number, string | null>();
  const unique = [...new Set(seqs)];
  for (let i = 0; i < unique.length; i += LOOKUP_CHUNK) {
    const rows = await db.selectFrom('audit_events').select(['seq', 'hash']).where('seq', 'in', unique.slice(i, i + LOOKUP_CHUNK)).execute();
    for (const row of rows) hashes.set(Number(row.seq), row.hash);
  }
  return hashes;
}

function broken(firstBadSeq: number, problem: CheckpointProblem, detail: string): CheckpointVerification {
  return { ok: false, firstBadSeq, problem, detail };
}

function iso(at: number): string {
  return new Date(at).toISOString();
}
