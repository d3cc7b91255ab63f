// 6: durable appendAuditEvent pairs (disconnect.requested + disconnect.completed, HMAC chain) on
// SQLite against plain INSERTs of the very same rows into a second database with the same settings.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { appendAuditEvent } from '../../lib/audit';
import type { Database } from '../../lib/db/schema';
import type { Benchmark, BenchOutcome, BenchRow, TargetCheck } from './benchmark';
import { benchOperator } from './support/bench-operator';
import { openBenchDatabase, type BenchDatabase } from './support/bench-databases';
import { formatNumber } from './stats';

const PAIRS_PER_ROUND = 500;
const ROUNDS = 4;
const TARGET_PAIRS_PER_SECOND = 1_000;

const OPERATOR = benchOperator({
  authMethod: 'session',
  sourceIp: '10.20.1.17',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
});

/** One disconnect's audit pair, as disconnectCall writes it: request first, outcome after. */
async function appendPair(db: Kysely<Database>, index: number): Promise<void> {
  const attemptId = randomUUID();
  const targetCallId = Buffer.from(`${randomUUID()}@um-sim-01.contoso.test`).toString('base64');
  const common = { actor: OPERATOR, targetCallId, reason: 'Stuck in Connected for over an hour', attemptId, batchId: null } as const;
  await appendAuditEvent(db, {
    ...common,
    action: 'disconnect.requested',
    details: { label: `Line ${index}`, server: 'um-sim-01.contoso.test', stateBefore: 'Connected', endedBefore: false },
  });
  await appendAuditEvent(db, {
    ...common,
    action: 'disconnect.completed',
    outcome: 'confirmed',
    umLatencyMs: 14,
    endLatencyMs: 412,
    details: { precheck: { state: 'Connected', cause: 'None' }, verification: { kind: 'ended', by: 'disconnected', checks: 2 } },
  });
}

/** `pairs` units of work by `writers` concurrent workers; returns the wall time in seconds. */
async function runWorkers(pairs: number, writers: number, work: (index: number) => Promise<void>): Promise<number> {
  let next = 0;
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < pairs) {
        const index = next;
        next += 1;
        await work(index);
      }
    }),
  );
  return (performance.now() - begin) / 1000;
}

interface Measured {
  readonly appendSeconds: number;
  readonly insertSeconds: number;
  readonly pairs: number;
}

/**
 * Rounds of PAIRS_PER_ROUND appended pairs, each followed by plain INSERTs of the rows just
 * appended (read back whole, hash included) in the same worker pattern: one autocommit INSERT per
 * row, so both sides make the same number of durable commits.
 */
async function measure(appendTo: BenchDatabase, insertInto: BenchDatabase, writers: number): Promise<Measured> {
  const source = appendTo.database.db;
  const target = insertInto.database.db;
  let appendSeconds = 0;
  let insertSeconds = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const before = await headSeq(source);
    appendSeconds += await runWorkers(PAIRS_PER_ROUND, writers, (index) => appendPair(source, index));
    const rows = await source.selectFrom('audit_events').selectAll().where('seq', '>', before).orderBy('seq').execute();
    if (rows.length !== PAIRS_PER_ROUND * 2) throw new Error(`expected ${PAIRS_PER_ROUND * 2} appended rows, found ${rows.length}`);
    insertSeconds += await runWorkers(PAIRS_PER_ROUND, writers, async (index) => {
      for (const row of rows.slice(index * 2, index * 2 + 2)) await target.insertInto('audit_events').values(row).execute();
    });
  }
  return { appendSeconds, insertSeconds, pairs: PAIRS_PER_ROUND * ROUNDS };
}

async function headSeq(db: Kysely<Database>): Promise<number> {
  const head = await db.selectFrom('audit_events').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return head ? Number(head.seq) : 0;
}

async function openSqlite(): Promise<BenchDatabase> {
  const opened = await openBenchDatabase('sqlite');
  if (!opened.ok) throw new Error(opened.message);
  return opened.data;
}

export const auditAppendBenchmark: Benchmark = {
  id: '6',
  title: 'Durable audit appends with the HMAC chain, SQLite',
  async run({ log }): Promise<BenchOutcome> {
    const rows: BenchRow[] = [];
    const targets: TargetCheck[] = [];
    for (const writers of [16, 1]) {
      log(`  ${writers} writer(s)…`);
      const [appendTo, insertInto] = [await openSqlite(), await openSqlite()];
      try {
        // A first pair creates nothing new later (the key, the prepared statements): not measured.
        await appendPair(appendTo.database.db, -1);
        const result = await measure(appendTo, insertInto, writers);
        const appendRate = result.pairs / result.appendSeconds;
        const insertRate = result.pairs / result.insertSeconds;
        const label = writers === 1 ? 'one writer at a time (context)' : `${writers} concurrent writers, as in a bulk run`;
        rows.push({
          label: `disconnect pairs/s, ${label}`,
          console: formatNumber(appendRate),
          baseline: formatNumber(insertRate),
          comparison: `${(appendRate / insertRate).toFixed(2)}× the plain INSERTs' rate`,
        });
        if (writers !== 1) {
          targets.push({
            what: `durable audit pairs, ${writers} concurrent writers, SQLite`,
            target: `≥ ${formatNumber(TARGET_PAIRS_PER_SECOND)} pairs/s`,
            figure: `${formatNumber(appendRate)} pairs/s (plain INSERTs ${formatNumber(insertRate)})`,
            met: appendRate >= TARGET_PAIRS_PER_SECOND,
          });
        }
      } finally {
        await appendTo.dispose();
        await insertInto.dispose();
      }
    }
    return {
      rows,
      targets,
      notes: [
        `appendAuditEvent as the disconnect workflow calls it (the process's key from the data folder, no caller transaction): ${ROUNDS} rounds of ${formatNumber(PAIRS_PER_ROUND)} pairs, disconnect.requested then disconnect.completed with realistic details. Each append resolves only once its row is committed; journal_mode=WAL, synchronous=FULL (openDatabase's settings) on a temporary file on this machine's disk.`,
        'Baseline: the same rows, read back whole (hash included), INSERTed through Kysely into a second database opened the same way, one autocommit INSERT per row by the same number of workers — the same number of durable commits, without the append lock, the head read, the HMAC or the queue. The rounds alternate between the two.',
      ],
    };
  },
};
