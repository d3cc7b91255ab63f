import type { Kysely, Selectable } from 'kysely';
import type { AuditCheckpointsTable, Database } from '../../db/schema';
import { readCheckpointFile } from './checkpoint-file';
import { CHECKPOINT_REASONS, type AuditCheckpoint, type CheckpointReason } from './checkpoint-format';

export async function insertCheckpoint(db: Kysely<Database>, checkpoint: AuditCheckpoint): Promise<void> {
  await db
    .insertInto('audit_checkpoints')
    .values({
      id: checkpoint.id,
      seq: checkpoint.seq,
      hash: checkpoint.hash,
      at: checkpoint.at,
      key_id: checkpoint.keyId,
      public_key: checkpoint.publicKey,
      signature: checkpoint.signature,
      reason: checkpoint.reason,
      requested_by: checkpoint.requestedBy,
    })
    .execute();
}

/** The stored checkpoint with the highest seq (the latest of those), or null. */
export async function latestStoredCheckpoint(db: Kysely<Database>): Promise<AuditCheckpoint | null> {
  const row = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq', 'desc').orderBy('at', 'desc').limit(1).executeTakeFirst();
  return row ? fromRow(row) : null;
}

export async function listStoredCheckpoints(db: Kysely<Database>): Promise<AuditCheckpoint[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq', 'asc').orderBy('at', 'asc').execute();
  return rows.map(fromRow);
}

export interface KnownCheckpoints {
  /** From the database and the file, each copy once, in seq order. */
  readonly checkpoints: readonly AuditCheckpoint[];
  /** Lines of the file that are not a checkpoint. */
  readonly unreadableLines: number;
}

/**
 * Every checkpoint the console knows of, from both places. A copy that differs between them is
 * kept twice (it is checked twice): deleting or altering one place must not hide the other.
 */
export async function loadKnownCheckpoints(db: Kysely<Database>, file: string): Promise<KnownCheckpoints> {
  const stored = await listStoredCheckpoints(db);
  const fromFile = readCheckpointFile(file);
  const seen = new Set<string>();
  const checkpoints: AuditCheckpoint[] = [];
  for (const checkpoint of [...stored, ...fromFile.checkpoints]) {
    const identity = JSON.stringify([checkpoint.id, checkpoint.seq, checkpoint.hash, checkpoint.at, checkpoint.keyId, checkpoint.signature]);
    if (seen.has(identity)) continue;
    seen.add(identity);
    checkpoints.push(checkpoint);
  }
  checkpoints.sort((a, b) => a.seq - b.seq || a.at - b.at);
  return { checkpoints, unreadableLines: fromFile.unreadableLines };
}

function fromRow(row: Selectable<AuditCheckpointsTable>): AuditCheckpoint {
  return {
    id: row.id,
    seq: Number(row.seq),
    hash: row.hash,
    at: Number(row.at),
    keyId: row.key_id,
    publicKey: row.public_key,
    signature: row.signature,
    // The column's CHECK keeps it to these; an unknown value (edited by hand) reads as periodic and
    // is still checked by its signature, which does not cover the reason.
    reason: isReason(row.reason) ? row.reason : 'periodic',
    requestedBy: row.requested_by,
  };
}

function isReason(value: string): value is CheckpointReason {
  return (CHECKPOINT_REASONS as readonly string[]).includes(value);
}
