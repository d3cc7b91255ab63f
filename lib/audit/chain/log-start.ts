import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { checkCheckpointSignature, type AuditCheckpoint } from './checkpoint-format';
import type { AuditSigningKey } from './signing-key';
import { CHAIN_GENESIS, type ChainStart } from './verify-chain';

export type LogStart =
  | { readonly ok: true; readonly start: ChainStart; readonly prunedThrough: number | null }
  | {
      readonly ok: false;
      /** The first seq that should be there: 1, or the one after the last recorded prune. */
      readonly firstMissing: number;
      readonly firstSeq: number;
      readonly why: string;
    };

/**
 * Where the log may begin. At seq 1, from the genesis hash. Later only after a retention prune,
 * which must have left two traces an attacker with database access alone cannot make: a checkpoint
 * at seq F-1, signed with the console's key, whose hash is the first row's prev_hash; and an
 * `audit.pruned` event through seq F-1 (the chain walk then vouches for that event's row).
 */
export async function findLogStart(
  db: Kysely<Database>,
  checkpoints: readonly AuditCheckpoint[],
  signingKey: AuditSigningKey | undefined,
): Promise<LogStart> {
  const first = await db.selectFrom('audit_events').select(['seq', 'prev_hash']).orderBy('seq', 'asc').limit(1).executeTakeFirst();
  if (!first || Number(first.seq) <= 1) return { ok: true, start: CHAIN_GENESIS, prunedThrough: null };
  const firstSeq = Number(first.seq);
  const through = firstSeq - 1;
  const signed = (checkpoint: AuditCheckpoint) => signingKey !== undefined && checkCheckpointSignature(checkpoint, signingKey) === 'valid';
  const anchor = checkpoints.find((checkpoint) => checkpoint.seq === through && checkpoint.hash === first.prev_hash && signed(checkpoint));
  const pruned = await recordedPrunes(db);
  if (anchor && pruned.includes(through)) return { ok: true, start: { seq: firstSeq, prevHash: anchor.hash }, prunedThrough: through };
  // Name the gap from the end of the last prune that really happened, not from seq 1.
  const earlier = pruned.filter((seq) => seq < through && checkpoints.some((c) => c.seq === seq && signed(c)));
  const firstMissing = earlier.length > 0 ? Math.max(...earlier) + 1 : 1;
  const why = anchor
    ? `no audit.pruned event records a retention prune through seq ${through}`
    : `no checkpoint signed with this console's key vouches for seq ${through} as the row before it`;
  return { ok: false, firstMissing, firstSeq, why };
}

/** throughSeq of every successful `audit.pruned` event. */
async function recordedPrunes(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom('audit_events').select('details').where('action', '=', 'audit.pruned').where('outcome', '=', 'success').execute();
  return rows.map((row) => throughSeqOf(row.details)).filter((seq): seq is number => seq !== null);
}

function throughSeqOf(details: string | null): number | null {
  if (details === null) return null;
  try {
    const parsed = JSON.parse(details) as { throughSeq?: unknown };
    return typeof parsed.throughSeq === 'number' ? parsed.throughSeq : null;
  } catch {
    return null;
  }
}
