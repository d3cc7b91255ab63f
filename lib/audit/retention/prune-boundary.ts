import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { checkCheckpointSignature, type AuditCheckpoint } from '../chain/checkpoint-format';
import { listStoredCheckpoints } from '../chain/checkpoint-store';
import type { AuditSigningKey } from '../chain/signing-key';

/**
 * The highest seq a prune may remove through, or null when nothing may go. A prune removes a whole
 * segment ending at a checkpoint, and only if:
 * - every row up to it is older than the cutoff (the bound is the row before the first newer one);
 * - no open attempt loses its request: a disconnect.requested without any completion stays with
 *   everything after it, because start-up recovery closes such attempts from that very row.
 *   A request whose completion is kept may go; the verifier accepts the lone completion then.
 * The checkpoint must be the console's own (valid signature) and still match its row.
 */
export async function choosePruneCheckpoint(
  db: Kysely<Database>,
  signingKey: AuditSigningKey,
  cutoff: number,
  afterSeq: number,
): Promise<AuditCheckpoint | null> {
  const limit = await highestPrunableSeq(db, cutoff);
  if (limit === null || limit <= afterSeq) return null;
  const candidates = (await listStoredCheckpoints(db))
    .filter((checkpoint) => checkpoint.seq > afterSeq && checkpoint.seq <= limit)
    .filter((checkpoint) => checkCheckpointSignature(checkpoint, signingKey) === 'valid')
    .reverse();
  for (const checkpoint of candidates) {
    const row = await db.selectFrom('audit_events').select('hash').where('seq', '=', checkpoint.seq).executeTakeFirst();
    if (row?.hash === checkpoint.hash) return checkpoint;
  }
  return null;
}

async function highestPrunableSeq(db: Kysely<Database>, cutoff: number): Promise<number | null> {
  const head = await db.selectFrom('audit_events').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (!head) return null;
  let limit = Number(head.seq);
  const firstRecent = await db.selectFrom('audit_events').select('seq').where('at', '>=', cutoff).orderBy('seq', 'asc').limit(1).executeTakeFirst();
  if (firstRecent) limit = Math.min(limit, Number(firstRecent.seq) - 1);
  const firstOpen = await db
    .selectFrom('audit_events as r')
    .select('r.seq')
    .where('r.action', '=', 'disconnect.requested')
    .where('r.attempt_id', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('audit_events as c').select('c.seq').where('c.action', '=', 'disconnect.completed').whereRef('c.attempt_id', '=', 'r.attempt_id'))),
    )
    .orderBy('r.seq', 'asc')
    .limit(1)
    .executeTakeFirst();
  if (firstOpen) limit = Math.min(limit, Number(firstOpen.seq) - 1);
  return limit;
}
