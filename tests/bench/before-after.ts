// What was changed in the console where a target was missed, with the figures measured before and
// after, back to back on the same machine (rounds alternating which went first). These are
// recorded figures, not measured by every run; RESULTS.md prints them under "Changes for the targets".

export const BEFORE_AFTER_MEASURED =
  '2026-11-27, Node v20.20.2; benchmarks 1, 2, 4, 6: 06:16–06:18 UTC, AMD EPYC 2 cores, 1-minute load 1.5–2.5, two rounds each; a and b: 08:43–08:55 UTC, Intel Xeon 2 cores, 1-minute load 3.8–7.1, three rounds each of `npm run bench -- a b` with the previous lib/um and this one alternating, and the CPU row from one script running both clients and the bare sender in one process, 40 interleaved blocks of 200 round trips, twice';

export const CHANGES: readonly string[] = [
  'A disconnect made six durable commits (call lock, disconnect.requested, the pre-check observation, the call row\'s last disconnect, disconnect.completed, lock release); it now makes three: the lock and the request together (lib/calls/attempt-records.ts, openAttempt), the pre-check observation, and the row, the completion and the lock release together (recordOutcome). Each group is one transaction queued with the audit appends, so what is on disk is the same and never half of it; when the outcome\'s commit fails, the row and the completion are written on their own as before.',
  'SQLite statements are compiled once per SQL text (lib/db/statement-cache.ts): Kysely prepared every query anew, and compiling was about a fifth of each short statement\'s cost.',
  'proxy.ts reads the session only when a session cookie is there: for an API call next-auth took the bearer token for a session JWT and derived a key to try to decrypt it, on every request.',
  'Migration 0007-audit-query-indexes replaces the attempt_id index of audit_events with (attempt_id, action), which answers the "Disconnects" view\'s join of each request to its completion exactly. On PostgreSQL without fresh statistics (a table grown since autovacuum last analyzed it) the planner combined the old index with the action index and read tens of thousands of rows per attempt; SQLite\'s plan and timings are unchanged, and appends keep as many indexes as before. Measured with EXPLAIN ANALYZE over a direct PostgreSQL connection, 100,000 seeded events, no ANALYZE.',
  'DISCONNECT_VERIFY_TIMEOUT_MS=0 now turns verification off (the outcome is `accepted`, and says it was not checked): benchmark 1 needs it, and it is a setting an administrator may want. Not a speed change.',
  'lib/um reads responses with its own strict XML parser in one pass (lib/um/xml-parser.ts) instead of fast-xml-parser\'s validator, then its parser, then a conversion into the namespace-resolved tree: three passes, and most of lib/um\'s CPU per round trip. It is stricter than the old path, which let through "<" in attribute values, "]]>" in text, "--" in comments, control characters, text or CDATA after the root, malformed XML declarations and namespace declarations Namespaces in XML forbids; names such as toString are no longer renamed (__toString). Held to the documented samples as xmlbuilder2 reads them and to the fuzz test; while developing, its verdicts on 21,000 mutated responses matched Python\'s expat except where it is stricter on purpose (nesting over 64, namespace rules).',
  'Each UM request is an undici dispatch handler (lib/um/exchange.ts) that collects the body straight from the socket, instead of Pool.request, a body stream and for await; no AbortController per request, and the deadlines of one endpoint share one timer (lib/um/deadlines.ts) instead of a setTimeout/clearTimeout pair each. The slot is taken without a promise when one is free, headers are built once per operation, and the client has one async step instead of four. The deadline still covers the slot, connecting, sending and the whole body (tests/integration/client-deadline.test.ts); a request that times out before undici began writing it now says it was not sent instead of maybe.',
  'Benchmark b\'s bare sender uses the same Pool options as lib/um\'s (the headers, body and connect timeouts too): the same settings on both sides, no change in its speed. The bare sender still does less than any correct client must: no deadline over the whole exchange, no size cap, no parsing.',
];

export const BEFORE_AFTER_ROWS: readonly (readonly [string, string, string])[] = [
  ['1. API disconnect, p50 overhead over a bare POST', '+10.95 ms, +6.18 ms', '+5.01 ms, +4.65 ms'],
  ['1. CPU time of `next start` per disconnect', '7.60 ms, 6.75 ms', '5.60 ms, 5.40 ms'],
  ['2. bulk disconnect of 1,000 calls, wall time', '8.79 s, 8.31 s', '7.72 s, 7.48 s'],
  ['2. CPU time per call', '2.49 ms, 2.40 ms', '1.85 ms, 1.81 ms'],
  ['6. audit pairs/s, 16 writers (plain INSERTs 2,310–2,743)', '1,292, 1,331', '1,684, 1,622'],
  ['4. PostgreSQL, "Disconnects" query at 100,000 events without statistics (EXPLAIN ANALYZE, once)', '565.7 ms', '6.1 ms'],
  ['a. lib/um build + parse, throughput against the string template + bare XMLParser', '0.49×, 0.49×, 0.53×', '3.82×, 3.37×, 3.27×'],
  ['b. sequential GetCallInfo round trip, p50 over bare undici Pool.request', '+41.2 %, +29.6 %, +40.5 %', '+7.2 %, -8.3 %, -3.5 %'],
  ['b. 16 in flight, requests/s against bare undici', '0.59×, 0.70×, 0.83×', '0.73×, 0.79×, 0.81×'],
  ['b. client CPU per sequential round trip (p25 of 40 blocks; bare Pool.request 178 µs, 167 µs)', '421 µs, 405 µs', '199 µs, 205 µs'],
];
