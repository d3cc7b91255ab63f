import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import {
  appendAuditEvent,
  getAttempt,
  listAuditEvents,
  listDisconnectAttempts,
  parseAuditFilter,
  type AuditEventInput,
  type AuditFilter,
} from '../../lib/audit';
import { person, type TestDatabase } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';
import { openTestDatabase } from '../helpers/databases/test-database';

const ann = person('operator', 'ann');
const bob = person('admin', 'bob');
const vic = person('viewer', 'vic');
const CALL_A = 'QUFBQWNhbGw=';
const CALL_B = 'QUJDZGVm';
const CALL_C = 'qujdzgvm'; // the same letters as CALL_B's start in the other case
const at = (iso: string) => () => Date.parse(iso);

async function seed(db: TestDatabase['db']): Promise<void> {
  await db
    .insertInto('calls')
    .values([
      { call_id: CALL_A, label: 'Reception', added_via: 'browser', added_at: 0, consecutive_failures: 0 },
      { call_id: CALL_B, label: 'Warehouse 50% line', added_via: 'browser', added_at: 0, consecutive_failures: 0 },
    ])
    .execute();
  const events: Array<[string, AuditEventInput]> = [
    ['2025-03-01T10:00:00Z', { action: 'auth.sign_in', actor: ann, outcome: 'success' }],
    ['2025-03-01T10:05:00Z', { action: 'disconnect.requested', actor: ann, targetCallId: CALL_A, reason: 'Stuck since morning', attemptId: 'a1' }],
    ['2025-03-01T10:06:00Z', { action: 'disconnect.completed', actor: ann, targetCallId: CALL_A, reason: 'Stuck since morning', attemptId: 'a1', outcome: 'confirmed', umLatencyMs: 40, endLatencyMs: 300 }],
    ['2025-03-01T11:00:00Z', { action: 'disconnect.requested', actor: bob, targetCallId: CALL_B, reason: 'Caller asked 100%_done', attemptId: 'b1' }],
    ['2025-03-01T11:00:30Z', { action: 'disconnect.completed', actor: bob, targetCallId: CALL_B, attemptId: 'b1', outcome: 'failed', faultCode: 'UserNotUmEnabledException', faultText: 'The mailbox is not UM enabled' }],
    ['2025-03-01T12:00:45Z', { action: 'disconnect.denied', actor: vic, targetCallId: CALL_A, reason: 'curious', attemptId: 'd1', outcome: 'denied' }],
    ['2025-03-01T13:00:00Z', { action: 'disconnect.requested', actor: ann, targetCallId: CALL_C, reason: 'Loops forever', attemptId: 'c1' }],
    ['2025-03-02T09:00:00Z', { action: 'call.track', actor: bob, targetCallId: CALL_B, outcome: 'success' }],
  ];
  for (const [time, input] of events) await appendAuditEvent(db, input, at(time));
}

describeEachDatabase('audit queries: one row per disconnect attempt, every filter, combined', (kind) => {
  let database: TestDatabase;
  const attempts = async (filter: AuditFilter) =>
    (await listDisconnectAttempts(database.db, filter, { limit: 50 })).items.map((a) => a.attemptId);
  before(async () => {
    database = await openTestDatabase(kind);
    await seed(database.db);
  });
  after(() => database.dispose());

  it('joins each request with its completion, newest first; no completion reads as in progress, a refusal as denied', async () => {
    const { items, nextCursor } = await listDisconnectAttempts(database.db, {}, { limit: 50 });
    assert.deepEqual(items.map((a) => [a.attemptId, a.status, a.outcome]), [
      ['c1', 'in-progress', null],
      ['d1', 'denied', 'denied'],
      ['b1', 'completed', 'failed'],
      ['a1', 'completed', 'confirmed'],
    ]);
    assert.equal(nextCursor, null);
    const a1 = items[3];
    assert.equal(a1?.callLabel, 'Reception');
    assert.equal(a1?.requested.actorEmail, 'ann@contoso.test');
    assert.equal(a1?.requested.actorRole, 'operator');
    assert.equal(a1?.completed?.endLatencyMs, 300);
    assert.equal(items[2]?.completed?.faultCode, 'UserNotUmEnabledException');
  });

  it('filters by actor: a part of the email in any case, or an exact id', async () => {
    assert.deepEqual(await attempts({ actor: 'ANN@' }), ['c1', 'a1']);
    assert.deepEqual(await attempts({ actor: 'user-bob' }), ['b1']);
    assert.deepEqual(await attempts({ actor: 'user-b' }), [], 'an id matches only exactly');
  });

  it('filters by outcome and by action', async () => {
    assert.deepEqual(await attempts({ outcome: 'confirmed' }), ['a1']);
    assert.deepEqual(await attempts({ outcome: 'denied' }), ['d1']);
    assert.deepEqual(await attempts({ action: 'disconnect.denied' }), ['d1']);
    assert.deepEqual(await attempts({ action: 'disconnect.completed' }), ['b1', 'a1']);
    assert.deepEqual(await attempts({ action: 'auth.sign_in' }), []);
  });

  it('filters by CallId, exactly or by its start, and case matters', async () => {
    assert.deepEqual(await attempts({ callId: 'QUJD' }), ['b1']);
    assert.deepEqual(await attempts({ callId: CALL_A }), ['d1', 'a1']);
    assert.deepEqual(await attempts({ callId: 'qujd' }), ['c1']);
  });

  it('filters by time range; a bound covers the whole minute or day it names', async () => {
    assert.deepEqual(await attempts(filterOf('from=2025-03-01T11:00Z&to=2025-03-01T12:00Z')), ['d1', 'b1']);
    assert.deepEqual(await attempts(filterOf('from=2025-03-01T11:01Z')), ['c1', 'd1']);
    assert.deepEqual(await attempts(filterOf('to=2025-02-28')), []);
    assert.deepEqual(await attempts(filterOf('from=2025-03-01&to=2025-03-01')), ['c1', 'd1', 'b1', 'a1']);
  });

  it('searches free text in the reason, the call label, the email and the fault text, with % and _ taken literally', async () => {
    assert.deepEqual(await attempts({ text: 'MORNING' }), ['a1']);
    assert.deepEqual(await attempts({ text: 'warehouse' }), ['b1']);
    assert.deepEqual(await attempts({ text: 'not um enabled' }), ['b1']);
    assert.deepEqual(await attempts({ text: 'vic@' }), ['d1']);
    assert.deepEqual(await attempts({ text: '%' }), ['b1']);
    assert.deepEqual(await attempts({ text: '0%_d' }), ['b1']);
    assert.deepEqual(await attempts({ text: 'S_uck' }), [], '_ is not a wildcard');
  });

  it('combines filters, including the own-entries restriction for operators', async () => {
    assert.deepEqual(await attempts({ actor: 'ann', outcome: 'confirmed', text: 'stuck' }), ['a1']);
    assert.deepEqual(await attempts({ actor: 'ann', callId: 'QUJD' }), []);
    assert.deepEqual(await attempts({ onlyActorId: 'user-ann' }), ['c1', 'a1']);
    assert.deepEqual(await attempts({ onlyActorId: 'user-ann', actor: 'bob' }), []);
    assert.deepEqual(await attempts({ ...filterOf('actor=ann&outcome=confirmed&q=stuck&from=2025-03-01') }), ['a1']);
  });

  it('lists every kind of event, newest first, with the call label, under the same filters', async () => {
    const all = await listAuditEvents(database.db, {}, { limit: 50 });
    assert.deepEqual(all.items.map((e) => e.seq), [8, 7, 6, 5, 4, 3, 2, 1]);
    assert.equal(all.items[0]?.callLabel, 'Warehouse 50% line');
    const bobs = await listAuditEvents(database.db, { actor: 'bob', action: 'call.track' }, { limit: 50 });
    assert.deepEqual(bobs.items.map((e) => e.seq), [8]);
    const failures = await listAuditEvents(database.db, { text: 'not um enabled' }, { limit: 50 });
    assert.deepEqual(failures.items.map((e) => e.action), ['disconnect.completed']);
    const own = await listAuditEvents(database.db, { onlyActorId: 'user-ann', outcome: 'success' }, { limit: 50 });
    assert.deepEqual(own.items.map((e) => e.action), ['auth.sign_in']);
  });

  it('getAttempt returns both events with every stored field; a refusal and an open attempt too', async () => {
    const a1 = await getAttempt(database.db, 'a1');
    assert.equal(a1?.requested.action, 'disconnect.requested');
    assert.equal(a1?.completed?.action, 'disconnect.completed');
    assert.equal(a1?.completed?.umLatencyMs, 40);
    assert.equal(a1?.requested.sourceIp, '127.0.0.1');
    assert.equal(a1?.requested.userAgent, 'node:test');
    assert.equal((await getAttempt(database.db, 'c1'))?.status, 'in-progress');
    assert.equal((await getAttempt(database.db, 'd1'))?.status, 'denied');
    assert.equal(await getAttempt(database.db, 'nope'), null);
  });
});

function filterOf(query: string): AuditFilter {
  const parsed = parseAuditFilter(new URLSearchParams(query));
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.data;
}

describeEachDatabase('keyset pagination while the log keeps growing', (kind) => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase(kind);
  });
  after(() => database.dispose());

  it('pages of events neither repeat nor skip a row when new events arrive between pages', async () => {
    for (let i = 0; i < 25; i += 1) await appendAuditEvent(database.db, { action: 'call.track', actor: ann, details: { i } });
    const seen: number[] = [];
    let cursor: number | undefined;
    for (let page = 0; page < 10; page += 1) {
      const result = await listAuditEvents(database.db, {}, cursor === undefined ? { limit: 10 } : { cursor, limit: 10 });
      seen.push(...result.items.map((e) => e.seq));
      // Someone acts while the auditor reads.
      await appendAuditEvent(database.db, { action: 'auth.sign_in', actor: bob, outcome: 'success' });
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
    assert.deepEqual(seen, Array.from({ length: 25 }, (_, i) => 25 - i));
  });

  it('pages of attempts hold one row per attempt, in order, across pages', async () => {
    for (let i = 0; i < 12; i += 1) {
      await appendAuditEvent(database.db, { action: 'disconnect.requested', actor: ann, targetCallId: CALL_A, attemptId: `p${i}`, reason: 'r' });
      await appendAuditEvent(database.db, { action: 'disconnect.completed', actor: ann, targetCallId: CALL_A, attemptId: `p${i}`, outcome: 'confirmed' });
    }
    const first = await listDisconnectAttempts(database.db, {}, { limit: 5 });
    assert.ok(first.nextCursor !== null);
    await appendAuditEvent(database.db, { action: 'disconnect.requested', actor: ann, targetCallId: CALL_A, attemptId: 'late', reason: 'r' });
    const second = await listDisconnectAttempts(database.db, {}, { cursor: first.nextCursor, limit: 5 });
    const third = await listDisconnectAttempts(database.db, {}, { cursor: second.nextCursor ?? 0, limit: 5 });
    const ids = [...first.items, ...second.items, ...third.items].map((a) => a.attemptId);
    assert.deepEqual(ids, Array.from({ length: 12 }, (_, i) => `p${11 - i}`));
    assert.equal(third.nextCursor, null);
    assert.ok(first.items.every((a) => a.status === 'completed'));
  });
});

/** One attempt as the Disconnects view should show it, worked out from the events as they were written. */
interface ExpectedAttempt {
  readonly attemptId: string;
  readonly seq: number;
  readonly denied: boolean;
  readonly completedSeq: number | null;
  readonly outcome: AuditEventInput['outcome'];
}

// Deep pages are where a query that stops at the page's end and one that sorts the whole tab could
// part ways (SQLite walks the seq index there, see list-disconnect-attempts.ts): many small pages
// over a log where completions land after later requests and other events sit in between.
describeEachDatabase('deep keyset pages of disconnect attempts', (kind) => {
  let database: TestDatabase;
  const written: ExpectedAttempt[] = [];
  let head = 0;
  before(async () => {
    database = await openTestDatabase(kind);
    const append = async (input: AuditEventInput) => (await appendAuditEvent(database.db, input)).seq;
    const open: ExpectedAttempt[] = [];
    for (let i = 0; i < 40; i += 1) {
      const attemptId = `deep${i}`;
      const actor = i % 2 === 0 ? ann : bob;
      if (i % 6 === 5) {
        written.push({ attemptId, seq: await append({ action: 'disconnect.denied', actor: vic, targetCallId: CALL_A, attemptId, outcome: 'denied', reason: 'r' }), denied: true, completedSeq: null, outcome: 'denied' });
      } else {
        open.push({ attemptId, seq: await append({ action: 'disconnect.requested', actor, targetCallId: CALL_A, attemptId, reason: 'r' }), denied: false, completedSeq: null, outcome: null });
      }
      if (i % 4 === 0) await append({ action: 'call.track', actor, targetCallId: CALL_B, outcome: 'success' });
      // Each completion comes two requests later, and every seventh attempt never completes.
      const finishing = open.length > 2 ? open.shift() : undefined;
      if (finishing && i % 7 !== 3) {
        const outcome = i % 3 === 0 ? 'failed' : 'confirmed';
        const completedSeq = await append({ action: 'disconnect.completed', actor: ann, targetCallId: CALL_A, attemptId: finishing.attemptId, outcome });
        written.push({ ...finishing, completedSeq, outcome });
      } else if (finishing) {
        written.push(finishing);
      }
    }
    written.push(...open);
    head = Math.max(...written.map((a) => a.completedSeq ?? a.seq));
  });
  after(() => database.dispose());

  /** Every page of the view, `limit` rows at a time, as [attemptId, status, outcome, completed seq]. */
  async function readAllPages(filter: AuditFilter, limit: number) {
    const rows: Array<[string, string, string | null, number | null]> = [];
    let cursor: number | undefined;
    do {
      const page = await listDisconnectAttempts(database.db, filter, cursor === undefined ? { limit } : { cursor, limit });
      rows.push(...page.items.map((a): [string, string, string | null, number | null] => [a.attemptId, a.status, a.outcome, a.completed?.seq ?? null]));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return rows;
  }

  /** The same view worked out from what was written: as it stood at `through`, newest first. */
  function expected(through: number, keep: (row: ReturnType<typeof asOf>) => boolean = () => true) {
    return written
      .filter((a) => a.seq <= through)
      .sort((a, b) => b.seq - a.seq)
      .map((a) => asOf(a, through))
      .filter(keep)
      .map((row) => [row.attemptId, row.status, row.outcome, row.completedSeq]);
  }

  function asOf(attempt: ExpectedAttempt, through: number) {
    const completedSeq = attempt.completedSeq !== null && attempt.completedSeq <= through ? attempt.completedSeq : null;
    const status = attempt.denied ? 'denied' : completedSeq === null ? 'in-progress' : 'completed';
    const outcome = attempt.denied ? 'denied' : completedSeq === null ? null : (attempt.outcome ?? null);
    return { attemptId: attempt.attemptId, status, outcome, completedSeq };
  }

  it('pages through every attempt newest first, each once, as one page of them all shows it', async () => {
    const all = expected(head);
    assert.equal(all.length, 40);
    assert.deepEqual(await readAllPages({}, 3), all);
    assert.deepEqual(await readAllPages({}, 100), all);
  });

  it('a pinned read shows the attempts up to the pin, with completions written after it still open', async () => {
    const pin = written[25]?.seq ?? 0;
    const pinned = expected(pin);
    assert.ok(pinned.some(([, status]) => status === 'in-progress'));
    assert.deepEqual(await readAllPages({ throughSeq: pin }, 4), pinned);
  });

  it('deep pages keep the action and outcome filters, pinned or not', async () => {
    const pin = written[30]?.seq ?? 0;
    assert.deepEqual(await readAllPages({ action: 'disconnect.denied' }, 2), expected(head, (row) => row.status === 'denied'));
    assert.deepEqual(
      await readAllPages({ action: 'disconnect.requested', throughSeq: pin }, 3),
      expected(pin, (row) => row.status !== 'denied'),
    );
    assert.deepEqual(await readAllPages({ outcome: 'confirmed', throughSeq: pin }, 3), expected(pin, (row) => row.outcome === 'confirmed'));
    assert.deepEqual(await readAllPages({ action: 'disconnect.completed' }, 3), expected(head, (row) => row.status === 'completed'));
  });
});
