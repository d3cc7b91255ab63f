import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { fail, ok, type Result } from '../../result';

/** Where the hash chain stood at an export's pin: the row at `through` and its hash. */
export interface ChainHeadAt {
  readonly seq: number;
  /** null for a row from before the chain existed. */
  readonly hash: string | null;
}

/** The seq an export is pinned to, and what the log held there. */
export interface ExportPin {
  /** The export holds no row (and no attempt completion) above this seq; 0 for an empty log. */
  readonly through: number;
  /** null when there is no row at `through` (an empty log). */
  readonly chainHead: ChainHeadAt | null;
  /** When the row at `through` was written (epoch ms); null without one. */
  readonly at: number | null;
}

const THROUGH = /^[1-9]\d{0,15}$/;

/** The newest seq in the log; 0 while it is empty. */
export async function readAuditHeadSeq(db: Kysely<Database>): Promise<number> {
  const head = await db.selectFrom('audit_events').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return head ? Number(head.seq) : 0;
}

/**
 * Pins an export to `through` (the audit page hands over the head it was rendered at), or to the
 * head as it is now when none is given. A pin beyond the head is refused: rows above it do not exist
 * yet, so the same query could later return more rows than its manifest says.
 */
export async function pinAuditExport(db: Kysely<Database>, throughText: string | undefined): Promise<Result<ExportPin, 'invalid-filter'>> {
  const head = await readAuditHeadSeq(db);
  let through = head;
  if (throughText !== undefined) {
    if (!THROUGH.test(throughText.trim())) {
      const message = 'Through: the seq of an audit entry, a whole number from 1.';
      return fail('invalid-filter', message, { through: message });
    }
    through = Number(throughText.trim());
    if (through > head) {
      const message = `Through: the audit log ends at seq ${head}; pin the export there or earlier.`;
      return fail('invalid-filter', message, { through: message });
    }
  }
  if (through === 0) return ok({ through, chainHead: null, at: null });
  const row = await db.selectFrom('audit_events').select(['seq', 'hash', 'at']).where('seq', '=', through).executeTakeFirst();
  return ok({
    through,
    chainHead: row ? { seq: through, hash: row.hash } : null,
    at: row ? Number(row.at) : null,
  });
}
