// What was changed in the console where a target was missed, with the figures measured before and
// after, back to back on the same machine (two rounds each, alternating which went first). These are
// recorded figures, not measured by every run; RESULTS.md prints them under "Changes for the targets".

export const BEFORE_AFTER_MEASURED = '2026-11-27, 06:16–06:18 UTC, 1-minute load 1.5–2.5, AMD EPYC 2 cores, Node v20.20.2';

export const CHANGES: readonly string[] = [
  'A disconnect made six durable commits (call lock, disconnect.requested, the pre-check observation, the call row\'s last disconnect, disconnect.completed, lock release); it now makes three: the lock and the request together (lib/calls/attempt-records.ts, openAttempt), the pre-check observation, and the row, the completion and the lock release together (recordOutcome). Each group is one transaction queued with the audit appends, so what is on disk is the same and never half of it; when the outcome\'s commit fails, the row and the completion are written on their own as before.',
  'SQLite statements are compiled once per SQL text (lib/db/statement-cache.ts): Kysely prepared every query anew, and compiling was about a fifth of each short statement\'s cost.',
  'proxy.ts reads the session only when a session cookie is there: for an API call next-auth took the bearer token for a session JWT and derived a key to try to decrypt it, on every request.',
  'Migration 0007-audit-query-indexes replaces the attempt_id index of audit_events with (attempt_id, action), which answers the "Disconnects" view\'s join of each request to its completion exactly. On PostgreSQL without fresh statistics (a table grown since autovacuum last analyzed it) the planner combined the old index with the action index and read tens of thousands of rows per attempt; SQLite\'s plan and timings are unchanged, and appends keep as many indexes as before. Measured with EXPLAIN ANALYZE over a direct PostgreSQL connection, 100,000 seeded events, no ANALYZE.',
  'DISCONNECT_VERIFY_TIMEOUT_MS=0 now turns verification off (the outcome is `accepted`, and says it was not checked): benchmark 1 needs it, and it is a setting an administrator may want. Not a speed change.',
];

export const BEFORE_AFTER_ROWS: readonly (readonly [string, string, string])[] = [
  ['1. API disconnect, p50 overhead over a bare POST', '+10.95 ms, +6.18 ms', '+5.01 ms, +4.65 ms'],
  ['1. CPU time of `next start` per disconnect', '7.60 ms, 6.75 ms', '5.60 ms, 5.40 ms'],
  ['2. bulk disconnect of 1,000 calls, wall time', '8.79 s, 8.31 s', '7.72 s, 7.48 s'],
  ['2. CPU time per call', '2.49 ms, 2.40 ms', '1.85 ms, 1.81 ms'],
  ['6. audit pairs/s, 16 writers (plain INSERTs 2,310–2,743)', '1,292, 1,331', '1,684, 1,622'],
  ['4. PostgreSQL, "Disconnects" query at 100,000 events without statistics (EXPLAIN ANALYZE, once)', '565.7 ms', '6.1 ms'],
];
