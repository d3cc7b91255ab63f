import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_AUDIT_PAGE_SIZE, parseAuditFilter, parseAuditPage, withCursor } from '../../lib/audit';

describe('parseAuditFilter: the audit filter from URL search params', () => {
  it('reads every filter, combined, from URLSearchParams', () => {
    const parsed = parseAuditFilter(
      new URLSearchParams('actor=ann&action=disconnect.completed&outcome=unknown&callId=QUJD&from=2025-03-01&to=2025-03-02T10:15Z&q=%20stuck%20'),
    );
    assert.ok(parsed.ok, JSON.stringify(parsed));
    assert.deepEqual(parsed.data, {
      actor: 'ann',
      action: 'disconnect.completed',
      outcome: 'unknown',
      callId: 'QUJD',
      from: Date.parse('2025-03-01T00:00:00Z'),
      to: Date.parse('2025-03-02T10:16:00Z'),
      text: 'stuck',
    });
  });

  it('reads a Next page searchParams object: blank fields are absent and a repeated name counts once', () => {
    const parsed = parseAuditFilter({ actor: ['bob', 'eve'], outcome: '', q: '   ', callId: undefined });
    assert.deepEqual(parsed, { ok: true, data: { actor: 'bob' } });
  });

  it('never takes the own-entries restriction from the URL', () => {
    const parsed = parseAuditFilter(new URLSearchParams('onlyActorId=user-admin'));
    assert.deepEqual(parsed, { ok: true, data: {} });
  });

  it('a day bound covers the whole day; a time bound without zone is UTC; a zone is honoured', () => {
    const day = parseAuditFilter(new URLSearchParams('from=2025-03-01&to=2025-03-01'));
    assert.ok(day.ok);
    assert.equal(day.data.to! - day.data.from!, 86_400_000);
    const local = parseAuditFilter(new URLSearchParams('from=2025-03-01T07:00&to=2025-03-01T10:00:30%2B02:00'));
    assert.ok(local.ok);
    assert.equal(local.data.from, Date.parse('2025-03-01T07:00:00Z'));
    assert.equal(local.data.to, Date.parse('2025-03-01T08:00:31Z'));
  });

  it('explains each bad field by name, in words', () => {
    const parsed = parseAuditFilter(
      new URLSearchParams('action=call.delete&outcome=great&callId=abc%20def&from=2025-02-30&q=' + 'x'.repeat(201)),
    );
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.equal(parsed.error.code, 'invalid-filter');
    assert.deepEqual(Object.keys(parsed.error.fieldErrors ?? {}).sort(), ['action', 'callId', 'from', 'outcome', 'q']);
    assert.match(parsed.error.fieldErrors?.action ?? '', /^Action: choose one of auth\.sign_in/);
    assert.match(parsed.error.fieldErrors?.from ?? '', /^From: use a date such as/);
    assert.match(parsed.error.message, /The filter could not be used/);
  });

  it('refuses a time range that ends before it starts', () => {
    const parsed = parseAuditFilter(new URLSearchParams('from=2025-03-02&to=2025-03-01'));
    assert.equal(!parsed.ok && parsed.error.fieldErrors?.to, 'To: the end of the time range must come after its start.');
  });
});

describe('parseAuditPage and withCursor', () => {
  it('defaults to the first page of the default size', () => {
    assert.deepEqual(parseAuditPage(new URLSearchParams('')), { ok: true, data: { limit: DEFAULT_AUDIT_PAGE_SIZE } });
    assert.deepEqual(parseAuditPage({ cursor: '42', limit: '10' }), { ok: true, data: { cursor: 42, limit: 10 } });
  });

  it('refuses a cursor or a page size that is not a sensible whole number', () => {
    for (const query of ['cursor=0', 'cursor=-3', 'cursor=abc', 'limit=0', 'limit=201', 'limit=2.5']) {
      assert.equal(parseAuditPage(new URLSearchParams(query)).ok, false, query);
    }
  });

  it('the next-page link keeps every filter and replaces only the cursor', () => {
    const next = withCursor(new URLSearchParams('actor=ann&cursor=90&q=stuck'), 40);
    assert.equal(next.toString(), 'actor=ann&q=stuck&cursor=40');
    assert.equal(withCursor({ actor: 'ann', cursor: '40' }, null).toString(), 'actor=ann');
  });
});

describe('time bounds typed into a URL', () => {
  it('an unencoded "+02:00" (which arrives as a space) still reads as a zone, and a date and time may be split by a space', () => {
    const plus = parseAuditFilter(new URLSearchParams('to=2025-03-01T10:00:30+02:00'));
    assert.ok(plus.ok);
    assert.equal(plus.data.to, Date.parse('2025-03-01T08:00:31Z'));
    const spaced = parseAuditFilter({ from: '2025-03-01 10:00' });
    assert.ok(spaced.ok);
    assert.equal(spaced.data.from, Date.parse('2025-03-01T10:00:00Z'));
  });
});
