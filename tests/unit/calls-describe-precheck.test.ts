import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describePrecheck, describeRecentSighting, readPrecheck } from '../../lib/calls/describe-precheck';
import { describeAuditEvent } from '../../lib/calls/timeline';
import type { AuditEvent } from '../../lib/audit/types';

const described = (stored: unknown) => {
  const precheck = readPrecheck(stored);
  assert.ok(precheck, `readable: ${JSON.stringify(stored)}`);
  return describePrecheck(precheck);
};

describe('the pre-check of a disconnect, in words', () => {
  test('a fresh GetCallInfo, a failed one, the console’s own record', () => {
    assert.equal(described({ state: 'Connected', cause: 'None' }), 'Connected, checked with GetCallInfo just before.');
    assert.equal(described({ state: 'Disconnected', cause: 'NoAnswer' }), 'Disconnected (No answer), checked with GetCallInfo just before.');
    assert.equal(described({ state: 'Parked', cause: 'None' }), 'Unknown (Parked), checked with GetCallInfo just before.');
    assert.equal(described({ gone: true, fault: 'InvalidCallIdException' }), 'No longer known to the UM service, checked with GetCallInfo just before.');
    assert.equal(
      described({ error: 'timeout', message: 'The UM service did not answer within 10 s.' }),
      'The status check just before failed: The UM service did not answer within 10 s.',
    );
    assert.equal(described('row-ended'), 'Not checked: the console’s record already showed the call ended.');
  });

  test('a bulk run’s recent sighting names who saw it and how long before', () => {
    const poll = { source: 'poll', observedAt: '2026-11-27T08:00:00.000Z', ageMs: 1234, maxAgeMs: 5000, state: 'Connected', cause: 'None' };
    assert.equal(described(poll), 'Connected, seen by the status poller 1.2 s before; not checked again (a bulk disconnect uses what the console saw within 5 s).');
    assert.equal(described({ ...poll, source: 'track', ageMs: 40 }).split(';')[0], 'Connected, seen when the call was tracked 40 ms before');
    assert.equal(described({ ...poll, source: 'verify', ageMs: -3 }).split(';')[0], 'Connected, seen while an earlier disconnect was verified 0 ms before');
    assert.equal(described({ source: 'poll', ageMs: 300, maxAgeMs: 5000, gone: true }).split(';')[0], 'No longer known to the UM service, seen by the status poller 300 ms before');
    const recent = readPrecheck(poll);
    assert.equal(recent?.kind, 'recent');
    assert.equal(recent?.kind === 'recent' && describeRecentSighting(recent), 'Connected, seen by the status poller 1.2 s before');
  });

  test('nothing, or a shape it does not know, is not described', () => {
    for (const stored of [undefined, null, 'something else', 42, {}, { source: 'gossip', ageMs: 1, state: 'Connected' }, { source: 'poll', state: 'Connected' }]) {
      assert.equal(readPrecheck(stored), null, JSON.stringify(stored));
    }
  });

  test('the timeline names a recent sighting after the result, and leaves a fresh check unsaid', () => {
    const event = (precheck: unknown): AuditEvent =>
      ({
        seq: 7,
        at: new Date('2026-11-27T08:00:01.000Z'),
        action: 'disconnect.completed',
        outcome: 'confirmed',
        endLatencyMs: 400,
        faultCode: null,
        batchId: 'b',
        authMethod: 'session',
        actorId: 'u',
        actorEmail: 'olivia@contoso.test',
        details: { precheck },
      }) as unknown as AuditEvent;
    assert.equal(
      describeAuditEvent(event({ source: 'poll', ageMs: 1200, maxAgeMs: 5000, state: 'Connected', cause: 'None' })),
      'Disconnect result: Disconnected (confirmed) — the call ended 0.4 s after the hang-up was sent — no fresh check: Connected, seen by the status poller 1.2 s before',
    );
    assert.equal(
      describeAuditEvent(event({ state: 'Connected', cause: 'None' })),
      'Disconnect result: Disconnected (confirmed) — the call ended 0.4 s after the hang-up was sent',
    );
  });
});
