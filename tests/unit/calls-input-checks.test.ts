import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkLabel, checkReason } from '../../lib/calls';

describe('labels', () => {
  it('are optional: absent or blank means no label', () => {
    assert.deepEqual(checkLabel(undefined), { ok: true, value: null });
    assert.deepEqual(checkLabel('   '), { ok: true, value: null });
  });

  it('are trimmed and kept up to 100 characters', () => {
    assert.deepEqual(checkLabel('  Reception  '), { ok: true, value: 'Reception' });
    assert.equal(checkLabel('x'.repeat(100)).ok, true);
    assert.deepEqual(checkLabel('x'.repeat(101)), { ok: false, problem: 'A label is at most 100 characters; this one has 101.' });
  });

  it('refuse control characters and line breaks', () => {
    for (const bad of ['a\nb', 'a\tb', 'bell\u0007', 'del\u007f', 'next\u0085line']) assert.equal(checkLabel(bad).ok, false, JSON.stringify(bad));
  });
});

describe('reasons', () => {
  it('are required', () => {
    for (const missing of [undefined, '', '  \n ', 42]) assert.equal(checkReason(missing).ok, false, String(missing));
  });

  it('are trimmed, keep line breaks (CRLF becomes LF) and allow 500 characters', () => {
    assert.deepEqual(checkReason('  first line\r\nsecond line \n'), { ok: true, value: 'first line\nsecond line' });
    assert.equal(checkReason('x'.repeat(500)).ok, true);
    assert.equal(checkReason('x'.repeat(501)).ok, false);
  });

  it('refuse other control characters', () => {
    for (const bad of ['tab\there', 'nul\u0000', 'esc\u001b[31m']) assert.equal(checkReason(bad).ok, false, JSON.stringify(bad));
  });
});
