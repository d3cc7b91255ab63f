import type { Kysely, Selectable } from 'kysely';
import type { AuditEventsTable, Database } from '../../db/schema';
import { computeAuditHash, GENESIS_HASH } from './audit-hash';
import type { AuditKey } from './audit-key';
import { findWrittenSeq } from './find-written-seq';

export type ChainProblem = 'edited' | 'missing' | 'reordered' | 'broken-link';

export interface ChainVerified {
  readonly ok: true;
  /** Rows checked, including any from before the chain existed. */
  readonly count: number;
  /** null when the log is empty. */
  readonly headSeq: number | null;
  readonly headHash: string | null;
  /** Rows written before hashing began (hash null), which the chain cannot vouch for. */
  readonly predatesChain: { readonly firstSeq: number; readonly lastSeq: number } | null;
}

export interface ChainBroken {
  readonly ok: false;
  readonly firstBadSeq: number;
  readonly problem: ChainProblem;
  /** What is wrong, in words. */
  readonly detail: string;
}

export type ChainVerification = ChainVerified | ChainBroken;

type Row = Selectable<AuditEventsTable>;

/** Where the walk begins: seq 1 after the genesis hash, or (after a retention prune) later. */
export interface ChainStart {
  readonly seq: number;
  /** What the first row's prev_hash must be. */
  readonly prevHash: string;
}

export const CHAIN_GENESIS: ChainStart = { seq: 1, prevHash: GENESIS_HASH };

/**
 * Walks the audit log in seq order, a batch at a time (memory stays flat), recomputing every hash.
 * Stops at the first problem: a seq gap is 'missing'; a hash that does not match its row is
 * 'edited', or 'reordered' when the row verifies at another seq; a row that verifies but does not
 * chain onto the one before it is a 'broken-link'. Rows removed from the END of the log leave a
 * shorter chain that still verifies: verifyAuditLog (verify-log.ts) compares the head with the
 * signed checkpoints to reveal that. `start` is where a pruned log legitimately begins.
 */
export async function verifyAuditChain(
  db: Kysely<Database>,
  key: AuditKey,
  batchSize = 500,
  start: ChainStart = CHAIN_GENESIS,
): Promise<ChainVerification> {
  let count = 0;
  let lastSeq: number | null = null;
  let lastHash: string | null = null;
  let predates: ChainVerified['predatesChain'] = null;
  for await (const row of readRows(db, batchSize)) {
    const seq = Number(row.seq);
    const expectedSeq: number = lastSeq === null ? start.seq : lastSeq + 1;
    if (seq !== expectedSeq) {
      const range = seq - 1 === expectedSeq ? `seq ${expectedSeq} is` : `seq ${expectedSeq}–${seq - 1} are`;
      return broken(expectedSeq, 'missing', `${range} missing: seq ${seq} follows ${lastSeq === null ? 'nothing' : `seq ${lastSeq}`}.`);
    }
    if (row.hash === null) {
      if (lastHash !== null) return broken(seq, 'edited', `seq ${seq} has lost its hash, but the rows before it are chained.`);
      predates = { firstSeq: predates === null ? seq : predates.firstSeq, lastSeq: seq };
    } else {
      const problem = await checkRow(db, key, row, row.hash, lastHash ?? start.prevHash);
      if (problem) return problem;
      lastHash = row.hash;
    }
    lastSeq = seq;
    count += 1;
  }
  return { ok: true, count, headSeq: lastSeq, headHash: lastHash, predatesChain: predates };
}

async function checkRow(db: Kysely<Database>, key: AuditKey, row: Row, hash: string, expectedPrev: string): Promise<ChainBroken | null> {
  const seq = Number(row.seq);
  const prevHash = row.prev_hash ?? '';
  if (computeAuditHash(key, prevHash, row) !== hash) {
    const writtenAs = await findWrittenSeq(db, key, row);
    return writtenAs === null
      ? broken(seq, 'edited', `seq ${seq} does not match its hash: its contents were changed after it was written.`)
      : broken(seq, 'reordered', `seq ${seq} holds the row written as seq ${writtenAs}: rows were moved.`);
  }
  if (prevHash !== expectedPrev) {
    return broken(seq, 'broken-link', `seq ${seq} does not follow the row before it: its previous hash is not that row's hash.`);
  }
  return null;
}

function broken(firstBadSeq: number, problem: ChainProblem, detail: string): ChainBroken {
  return { ok: false, firstBadSeq, problem, detail };
}

async function* readRows(db: Kysely<Database>, batchSize: number): AsyncGenerator<Row> {
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>', after).orderBy('seq', 'asc').limit(batchSize).execute();
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = Number(last.seq);
    // better-sqlite3 answers synchronously: let the server's requests in between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
