import type { Kysely, Selectable } from 'kysely';
import type { AuditEventsTable, Database } from '../../db/schema';
import { computeAuditHash } from './audit-hash';
import type { AuditKey } from './audit-key';

/** Beyond this many candidates a mismatch is simply reported as an edit. */
const MAX_CANDIDATES = 1_000_000;

/**
 * For a row whose hash does not match it: the seq it was written as, if its contents, prev_hash
 * and hash are intact and only its position changed (the seq is part of what is hashed). Tries
 * every seq the log spans — only ever on the failure path, where telling a move from an edit is
 * worth a second or so.
 */
export async function findWrittenSeq(
  db: Kysely<Database>,
  key: AuditKey,
  row: Selectable<AuditEventsTable>,
): Promise<number | null> {
  if (row.hash === null || row.prev_hash === null) return null;
  const span = await db
    .selectFrom('audit_events')
    .select((eb) => [eb.fn.min('seq').as('first'), eb.fn.max('seq').as('last')])
    .executeTakeFirst();
  if (!span || span.first === null || span.last === null) return null;
  const first = Number(span.first);
  const last = Math.min(Number(span.last), first + MAX_CANDIDATES);
  const own = Number(row.seq);
  for (let candidate = first; candidate <= last; candidate += 1) {
    if (candidate !== own && computeAuditHash(key, row.prev_hash, { ...row, seq: candidate }) === row.hash) return candidate;
  }
  return null;
}
