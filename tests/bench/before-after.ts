// What was changed in the console where a target was missed, with the figures measured before and
// after, back to back on the same machine (two rounds each, alternating which went first). These are
// recorded figures, not measured by every run; RESULTS.md prints them under "Changes for the targets".

export const BEFORE_AFTER_MEASURED =
  'first five changes: 2026-11-27, 06:16–06:18 UTC, 1-minute load 1.5–2.5, AMD EPYC 2 cores, Node v20.20.2; ' +
  'the last three (rows marked "bulk pre-check"): 08:16–08:47 UTC, 1-minute load 3.4–9.4 from other work on the machine and an fsync taking 0.3–2.8 ms, Intel Xeon 2 cores, Node v20.20.2, two or three rounds alternating old and new code ("bulk run alone": the workflow timed in a script of its own, tracking and bare Disconnects left out)';

export const CHANGES: readonly string[] = [
  'A disconnect made six durable commits (call lock, disconnect.requested, the pre-check observation, the call row\'s last disconnect, disconnect.completed, lock release); it now makes three: the lock and the request together (lib/calls/attempt-records.ts, openAttempt), the pre-check observation, and the row, the completion and the lock release together (recordOutcome). Each group is one transaction queued with the audit appends, so what is on disk is the same and never half of it; when the outcome\'s commit fails, the row and the completion are written on their own as before.',
  'SQLite statements are compiled once per SQL text (lib/db/statement-cache.ts): Kysely prepared every query anew, and compiling was about a fifth of each short statement\'s cost.',
  'proxy.ts reads the session only when a session cookie is there: for an API call next-auth took the bearer token for a session JWT and derived a key to try to decrypt it, on every request.',
  'Migration 0007-audit-query-indexes replaces the attempt_id index of audit_events with (attempt_id, action), which answers the "Disconnects" view\'s join of each request to its completion exactly. On PostgreSQL without fresh statistics (a table grown since autovacuum last analyzed it) the planner combined the old index with the action index and read tens of thousands of rows per attempt; SQLite\'s plan and timings are unchanged, and appends keep as many indexes as before. Measured with EXPLAIN ANALYZE over a direct PostgreSQL connection, 100,000 seeded events, no ANALYZE.',
  'DISCONNECT_VERIFY_TIMEOUT_MS=0 now turns verification off (the outcome is `accepted`, and says it was not checked): benchmark 1 needs it, and it is a setting an administrator may want. Not a speed change.',
  'Bulk pre-check (BULK_PRECHECK_MAX_AGE_MS, by default the poll interval, at most 60 s): in a bulk run, a call the console itself saw up within that age goes straight to its Disconnect instead of a fresh GetCallInfo first, one UM request instead of two (lib/calls/recent-observation.ts, read after the call\'s lock is taken). The completion\'s details name the sighting (source, observedAt, ageMs, maxAgeMs, state) and the timeline and audit entry say it in words. Migration 0008-call-check-source keeps the source of each call\'s last check. Single disconnects keep the fresh pre-check; a call that ends by itself within the age before the Disconnect is then reported confirmed/accepted rather than already-ended, and 0 turns this off.',
  'A bulk call\'s batch item is claimed in the commit of its disconnect.requested and given its result in the commit of its disconnect.completed (BulkItem in lib/calls/attempt-records.ts), instead of two commits of its own; with a recent sighting there is no pre-check observation to commit either. Durable commits per bulk call: five before, two now. A cancel or pause that comes while a call waits for its turn still leaves it unsent: the claim checks it inside the request\'s transaction.',
  'SQLite group commit (lib/audit/audit-transaction.ts): audit transactions that become ready while another is queued share one commit, each in a savepoint of its own, so one that throws is undone alone and nobody hears back before the shared commit is on disk. Profiling the bulk run showed the main thread blocked in fsync for half the run (2,000 commits at 1–3 ms each on this busy disk); the run now makes about one commit per four transactions. PostgreSQL is unchanged: its server groups commits itself.',
];

export const BEFORE_AFTER_ROWS: readonly (readonly [string, string, string])[] = [
  ['1. API disconnect, p50 overhead over a bare POST', '+10.95 ms, +6.18 ms', '+5.01 ms, +4.65 ms'],
  ['1. CPU time of `next start` per disconnect', '7.60 ms, 6.75 ms', '5.60 ms, 5.40 ms'],
  ['2. bulk disconnect of 1,000 calls, wall time', '8.79 s, 8.31 s', '7.72 s, 7.48 s'],
  ['2. CPU time per call', '2.49 ms, 2.40 ms', '1.85 ms, 1.81 ms'],
  ['6. audit pairs/s, 16 writers (plain INSERTs 2,310–2,743)', '1,292, 1,331', '1,684, 1,622'],
  ['4. PostgreSQL, "Disconnects" query at 100,000 events without statistics (EXPLAIN ANALYZE, once)', '565.7 ms', '6.1 ms'],
  ['2. bulk disconnect of 1,000 calls, wall time (bulk pre-check; npm run bench -- 2, three rounds)', '9.77 s, 12.87 s, 20.62 s', '4.18 s, 6.71 s, 6.16 s'],
  ['2. the same, bare Disconnects in the same runs (the machine\'s own floor)', '3.44 s, 3.36 s, 3.41 s', '3.39 s, 3.46 s, 3.50 s'],
  ['2. CPU time per call (bulk pre-check, same runs)', '3.93 ms, 4.30 ms, 4.09 ms', '2.80 ms, 2.43 ms, 2.06 ms'],
  ['2. bulk run alone, every call with a fresh pre-check (BULK_PRECHECK_MAX_AGE_MS=0): the commit changes only (bulk pre-check)', '36.8 s, 23.3 s, 14.0 s', '19.6 s, 13.2 s, 15.8 s'],
  ['2. bulk run alone, calls seen when tracked: all three changes (bulk pre-check)', '36.8 s, 23.3 s, 14.0 s', '8.3 s, 9.5 s, 7.1 s'],
  ['6. audit pairs/s, 16 writers (bulk pre-check; plain INSERTs 370–893 in the same runs)', '273, 326', '631, 726'],
];
