import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { getConfig } from '../../config';
import { checkpointFromJson, checkpointToJson, type AuditCheckpoint } from './checkpoint-format';

export const CHECKPOINT_FILE_NAME = 'audit-checkpoints.jsonl';

/**
 * `<dataDir>/audit-checkpoints.jsonl`, beside the keys: a second copy of every checkpoint outside
 * the database, so someone who can delete checkpoint rows there has not erased the evidence.
 */
export function defaultCheckpointFile(): string {
  return path.join(getConfig().dataDir, CHECKPOINT_FILE_NAME);
}

/** Appends one JSON line and fsyncs it: on disk before the caller reports the checkpoint made. */
export function appendCheckpointLine(file: string, checkpoint: AuditCheckpoint): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, `${checkpointToJson(checkpoint)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface CheckpointFileContents {
  readonly checkpoints: readonly AuditCheckpoint[];
  /** Lines that are not a checkpoint (e.g. torn by a crash mid-write); skipped. */
  readonly unreadableLines: number;
}

/** Every checkpoint in the file; a missing file holds none. */
export function readCheckpointFile(file: string): CheckpointFileContents {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { checkpoints: [], unreadableLines: 0 };
    throw error;
  }
  const checkpoints: AuditCheckpoint[] = [];
  let unreadableLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const checkpoint = checkpointFromJson(line);
    if (checkpoint) checkpoints.push(checkpoint);
    else unreadableLines += 1;
  }
  return { checkpoints, unreadableLines };
}
