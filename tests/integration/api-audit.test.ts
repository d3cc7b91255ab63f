// The audit routes: the API list, and the streamed CSV / NDJSON export of exactly the filtered view.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { handleDisconnectCall } from '../../lib/api/handlers/disconnect-call';
import { handleExportAudit } from '../../lib/api/handlers/export-audit';
import { handleListAudit } from '../../lib/api/handlers/list-audit';
import { handleTrackCall } from '../../lib/api/handlers/track-call';
import { auditListResponseSchema } from '../../lib/api/schemas';
import { appendAuditEvent, listAuditEvents, listDisconnectAttempts, type AuditFilter } from '../../lib/audit';
import { EVENTS_VIEW, streamAuditRows } from '../../lib/audit/export';
import { userActor } from '../../lib/auth/user-actor';
import { apiRequest, callPath, errorOf, startApiHarness, type ApiHarness } from './api-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';

describeEachDatabase('the audit routes of the REST API', (kind) => {
  let h: ApiHarness;
  const SEEDED = 620;

  before(async () => {
    h = await startApiHarness(kind);
    const auditorActor = userActor(h.users.auditor, 'session', '127.0.0.1', 'seed');
    const operatorActor = userActor(h.users.operator, 'session', '127.0.0.1', 'seed');
    for (let i = 0; i < SEEDED; i += 1) {
      await appendAuditEvent(h.database.db, {
        action: 'call.track',
        actor: i % 3 === 0 ? operatorActor : auditorActor,
        outcome: 'success',
        details: { via: 'seed', i },
      });
    }
    // Two disconnects through the API, one of them with a reason a spreadsheet would run.
    for (const reason of ['=HYPERLINK("http://evil.example","click")', 'Plain reason, with a comma and "quotes"']) {
      const callId = await h.place(`+1555030${reason.length % 10}`);
      const tracked = await handleTrackCall(apiRequest('POST', '/calls', { token: h.tokens.operator, json: { callId } }), h.ctx);
      assert.equal(tracked.status, 201);
      const done = await handleDisconnectCall(apiRequest('POST', `${callPath(callId)}/disconnect`, { token: h.tokens.operator, json: { reason } }), h.ctx);
      assert.equal(done.status, 200);
    }
  });
  after(async () => {
    await h.close();
  });

  async function allEventSeqs(filter: AuditFilter): Promise<number[]> {
    const seqs: number[] = [];
    let cursor: number | undefined;
    for (;;) {
      const page = await listAuditEvents(h.database.db, filter, cursor === undefined ? { limit: 200 } : { cursor, limit: 200 });
      seqs.push(...page.items.map((event) => event.seq));
      if (page.nextCursor === null) return seqs;
      cursor = page.nextCursor;
    }
  }

  /** Splits RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks). */
  function parseCsv(text: string): string[][] {
    const records: string[][] = [];
    let field = '';
    let record: string[] = [];
    let quoted = false;
    for (let i = 0; i < text.length; i += 1) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        record.push(field);
        field = '';
      } else if (c === '\r' && text[i + 1] === '\n') {
        record.push(field);
        records.push(record);
        record = [];
        field = '';
        i += 1;
      } else field += c;
    }
    return records;
  }

  const exportWith = (token: string, query: string) => handleExportAudit(apiRequest('GET', `/audit/export?${query}`, { token }), h.ctx);

  describe('the audit list', () => {
    test('pages with nextCursor through exactly the rows of the page query, newest first', async () => {
      const seqs: number[] = [];
      let cursor: number | null = null;
      do {
        const response = await handleListAudit(
          apiRequest('GET', `/audit?tab=events&action=call.track&limit=200${cursor === null ? '' : `&cursor=${cursor}`}`, { token: h.tokens.auditor }),
          h.ctx,
        );
        assert.equal(response.status, 200);
        const body = auditListResponseSchema.parse(await response.json());
        seqs.push(...body.items.map((item) => item.seq));
        cursor = body.nextCursor;
      } while (cursor !== null);
      assert.deepEqual(seqs, await allEventSeqs({ action: 'call.track' }));
    });

    test('an operator sees only their own entries; a viewer gets 403; a bad filter gets 400 naming the field', async () => {
      const response = await handleListAudit(apiRequest('GET', '/audit?tab=events&limit=200', { token: h.tokens.operator }), h.ctx);
      const body = auditListResponseSchema.parse(await response.json());
      assert.ok(body.items.length > 0);
      assert.ok(body.items.every((item) => 'actorId' in item && item.actorId === h.users.operator.id));
      assert.equal((await handleListAudit(apiRequest('GET', '/audit', { token: h.tokens.viewer }), h.ctx)).status, 403);
      const bad = await handleListAudit(apiRequest('GET', '/audit?from=yesterday', { token: h.tokens.auditor }), h.ctx);
      assert.equal(bad.status, 400);
      assert.equal((await errorOf(bad)).field, 'from');
    });

    test('the default tab lists disconnect attempts with both halves, as the page does', async () => {
      const response = await handleListAudit(apiRequest('GET', '/audit', { token: h.tokens.auditor }), h.ctx);
      const body = auditListResponseSchema.parse(await response.json());
      assert.equal(body.tab, 'disconnects');
      assert.equal(body.items.length, 2);
      for (const item of body.items) assert.ok('requested' in item && item.completed?.action === 'disconnect.completed');
    });
  });

  describe('the export', () => {
    test('CSV rows equal the filtered view row for row, across several batches, times in ISO 8601 UTC', async () => {
      const response = await exportWith(h.tokens.auditor, 'tab=events&action=call.track&format=csv');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="audit-events-\d{4}-\d{2}-\d{2}-through-\d+\.csv"$/);
      const [header, ...rows] = parseCsv(await response.text());
      assert.deepEqual(header, EVENTS_VIEW.header);
      const expected = await allEventSeqs({ action: 'call.track' });
      assert.ok(expected.length > 500, 'more rows than one batch');
      assert.deepEqual(rows.map((row) => Number(row[0])), expected);
      assert.ok(rows.every((row) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(row[1] ?? '')));
    });

    test('NDJSON of the default tab holds one line per disconnect attempt of the filter', async () => {
      const response = await exportWith(h.tokens.auditor, 'format=ndjson');
      assert.match(response.headers.get('content-type') ?? '', /^application\/x-ndjson/);
      const lines = (await response.text()).trimEnd().split('\n').map((line) => JSON.parse(line) as { seq: number; outcome: string });
      const attempts = await listDisconnectAttempts(h.database.db, {}, { limit: 200 });
      assert.deepEqual(lines.map((line) => line.seq), attempts.items.map((attempt) => attempt.seq));
      assert.deepEqual(lines.map((line) => line.outcome), ['confirmed', 'confirmed']);
    });

    test('a reason that starts like a formula is neutralised in the CSV, and quotes and commas survive', async () => {
      const text = await (await exportWith(h.tokens.auditor, 'format=csv')).text();
      const [header, ...rows] = parseCsv(text);
      const reasonAt = header?.indexOf('reason') ?? -1;
      const reasons = rows.map((row) => row[reasonAt]);
      assert.ok(reasons.includes(`'=HYPERLINK("http://evil.example","click")`), JSON.stringify(reasons));
      assert.ok(reasons.includes('Plain reason, with a comma and "quotes"'));
      assert.ok(!/(^|,)=HYPERLINK/m.test(text), 'no cell starts with =');
    });

    test("an operator's export holds only their own rows, and a viewer's is refused with 403", async () => {
      const [, ...rows] = parseCsv(await (await exportWith(h.tokens.operator, 'tab=events&format=csv')).text());
      assert.ok(rows.length > 0);
      const actorAt = EVENTS_VIEW.header.indexOf('actor_id');
      assert.ok(rows.every((row) => row[actorAt] === h.users.operator.id));
      assert.equal((await exportWith(h.tokens.viewer, 'format=csv')).status, 403);
      const badFormat = await exportWith(h.tokens.auditor, 'format=xlsx');
      assert.equal(badFormat.status, 400);
      assert.equal((await errorOf(badFormat)).field, 'format');
    });

    test('the export is itself audited with its filter, format, pin and row count once the stream ends, after its pin', async () => {
      const response = await exportWith(h.tokens.auditor, 'tab=events&actor=operator%40api.test&format=ndjson');
      const through = Number(/through-(\d+)\./.exec(response.headers.get('content-disposition') ?? '')?.[1]);
      const lines = (await response.text()).trimEnd().split('\n');
      const recorded = await listAuditEvents(h.database.db, { action: 'audit.export' }, { limit: 1 });
      const event = recorded.items[0];
      assert.equal(event?.authMethod, 'token:auditor-script');
      assert.deepEqual(event?.details, {
        filter: { tab: 'events', actor: 'operator@api.test' },
        ownEntriesOnly: false,
        view: 'events',
        format: 'ndjson',
        through,
        rows: lines.length,
        complete: true,
      });
      assert.ok((event?.seq ?? 0) > through, 'the record of an export lies outside the rows it exported');
    });

    test('the stream reads one batch at a time and stops reading when the reader cancels', async () => {
      let ended: { rows: number; complete: boolean } | undefined;
      const stream = streamAuditRows(h.database.db, EVENTS_VIEW, {}, 'ndjson', async (end) => {
        ended = end;
      }, 50);
      const reader = stream.getReader();
      const first = await reader.read();
      assert.equal(new TextDecoder().decode(first.value).trimEnd().split('\n').length, 50);
      await reader.cancel();
      const newest = (await listAuditEvents(h.database.db, {}, { limit: 1 })).items[0]?.seq ?? 0;
      assert.deepEqual(ended, { rows: 50, complete: false, firstSeq: newest - 49, lastSeq: newest });
    });
  });
});
