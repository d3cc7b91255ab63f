import { sql, type RawBuilder } from 'kysely';

// Session-level advisory locks of the console's coordination, in a class of their own ('UMCI') so
// they never meet the transaction-scoped table locks of lib/db/write-lock.ts. Each key is hashed
// with the schema, so two consoles sharing one PostgreSQL database in two schemas stay apart.
export const COORDINATION_CLASS = 0x554d4349;

/** The lock an instance holds for as long as it lives: its liveness, readable by every other one. */
export function instanceKey(instanceId: string | RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`hashtext(coalesce(current_schema(), '') || '.instance.' || ${instanceId})`;
}

/** The lock whose holder runs the status poller, the periodic checkpoints and the daily prune. */
export function leaderKey(): RawBuilder<number> {
  return sql<number>`hashtext(coalesce(current_schema(), '') || '.leader')`;
}
