import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_STUCK_RULES, evaluateStuck, stuckRulesSchema, type StuckInput } from '../../lib/calls/stuck';

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);
const SECOND = 1_000;
const MINUTE = 60_000;

function call(changes: Partial<StuckInput> = {}): StuckInput {
  return { state: 'Connected', stateSince: NOW - MINUTE, ended: false, consecutiveFailures: 0, lastDisconnect: null, ...changes };
}

test('a call Connected longer than the limit is stuck, and the verdict says for how long', () => {
  const verdict = evaluateStuck(call({ stateSince: NOW - 42 * MINUTE - 10 * SECOND }), DEFAULT_STUCK_RULES, NOW);
  assert.deepEqual(verdict, { rule: 'connected', text: 'Connected 42 min > 30 min' });
});

test('a call Connected for exactly the limit is not stuck; just past it, the seconds show why', () => {
  assert.equal(evaluateStuck(call({ stateSince: NOW - 30 * MINUTE }), DEFAULT_STUCK_RULES, NOW), null);
  const verdict = evaluateStuck(call({ stateSince: NOW - 30 * MINUTE - 20 * SECOND }), DEFAULT_STUCK_RULES, NOW);
  assert.deepEqual(verdict, { rule: 'connected', text: 'Connected 30 min 20 s > 30 min' });
});

test('a call Connecting longer than the limit is stuck; at the limit it is not', () => {
  assert.deepEqual(evaluateStuck(call({ state: 'Connecting', stateSince: NOW - 75 * SECOND }), DEFAULT_STUCK_RULES, NOW), {
    rule: 'connecting',
    text: 'Connecting 75 s > 60 s',
  });
  assert.equal(evaluateStuck(call({ state: 'Connecting', stateSince: NOW - 60 * SECOND - 900 }), DEFAULT_STUCK_RULES, NOW), null);
});

test('a call still up after a disconnect the service accepted is stuck once the grace period is over', () => {
  const accepted = (ago: number) => ({ attemptId: 'a1', outcome: 'accepted' as const, at: NOW - ago + 15 * SECOND, acceptedAt: NOW - ago });
  assert.deepEqual(evaluateStuck(call({ lastDisconnect: accepted(45 * SECOND) }), DEFAULT_STUCK_RULES, NOW), {
    rule: 'after-disconnect',
    text: 'Still up 45 s after an accepted disconnect (> 30 s)',
  });
  assert.equal(evaluateStuck(call({ lastDisconnect: accepted(20 * SECOND) }), DEFAULT_STUCK_RULES, NOW), null);
});

test('a disconnect that failed or whose outcome is unknown does not make the after-disconnect rule fire', () => {
  for (const outcome of ['failed', 'unknown'] as const) {
    const lastDisconnect = { attemptId: 'a2', outcome, at: NOW - 10 * MINUTE, acceptedAt: null };
    assert.equal(evaluateStuck(call({ lastDisconnect }), DEFAULT_STUCK_RULES, NOW), null, outcome);
  }
});

test('status checks failing as often as the limit in a row make a call stuck, and the verdict counts them', () => {
  assert.deepEqual(evaluateStuck(call({ consecutiveFailures: 6 }), DEFAULT_STUCK_RULES, NOW), {
    rule: 'failed-checks',
    text: '6 failed checks in a row (≥ 5)',
  });
  assert.equal(evaluateStuck(call({ consecutiveFailures: 5 }), DEFAULT_STUCK_RULES, NOW)?.rule, 'failed-checks');
  assert.equal(evaluateStuck(call({ consecutiveFailures: 4 }), DEFAULT_STUCK_RULES, NOW), null);
});

test('an ended call is never stuck, whatever its history', () => {
  const stale = call({ ended: true, stateSince: NOW - 5 * 60 * MINUTE, consecutiveFailures: 99 });
  assert.equal(evaluateStuck(stale, DEFAULT_STUCK_RULES, NOW), null);
});

test('when several rules fire, the accepted-but-still-up rule names the verdict first', () => {
  const verdict = evaluateStuck(
    call({ stateSince: NOW - 60 * MINUTE, consecutiveFailures: 9, lastDisconnect: { attemptId: 'a', outcome: 'accepted', at: NOW, acceptedAt: NOW - 60 * SECOND } }),
    DEFAULT_STUCK_RULES,
    NOW,
  );
  assert.equal(verdict?.rule, 'after-disconnect');
});

test('changed thresholds change the verdict', () => {
  const rules = { ...DEFAULT_STUCK_RULES, connectedMinutes: 5 };
  assert.equal(evaluateStuck(call({ stateSince: NOW - 6 * MINUTE }), DEFAULT_STUCK_RULES, NOW), null);
  assert.deepEqual(evaluateStuck(call({ stateSince: NOW - 6 * MINUTE }), rules, NOW), { rule: 'connected', text: 'Connected 6 min > 5 min' });
});

test('the rules form takes whole numbers as text or numbers and names each field it refuses', () => {
  const parsed = stuckRulesSchema.safeParse({ connectingSeconds: '90', connectedMinutes: 45, afterDisconnectSeconds: ' 20 ', failedChecks: '3' });
  assert.ok(parsed.success);
  assert.deepEqual(parsed.data, { connectingSeconds: 90, connectedMinutes: 45, afterDisconnectSeconds: 20, failedChecks: 3 });

  const refused = stuckRulesSchema.safeParse({ connectingSeconds: '', connectedMinutes: 1.5, afterDisconnectSeconds: 0, failedChecks: 'many' });
  assert.equal(refused.success, false);
  const fields = new Set(refused.error?.issues.map((issue) => String(issue.path[0])));
  assert.deepEqual([...fields].sort(), ['afterDisconnectSeconds', 'connectedMinutes', 'connectingSeconds', 'failedChecks']);
  assert.match(refused.error?.issues.find((issue) => issue.path[0] === 'connectedMinutes')?.message ?? '', /whole number from 1 to 10080/);
});
