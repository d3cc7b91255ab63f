import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAuditRows, type AuditRowForCheck } from '../../lib/cli/admin/verify-audit-log';

async function* rows(list: readonly AuditRowForCheck[]) {
  yield* list;
}
const ev = (seq: number, action: string, attemptId: string | null = null): AuditRowForCheck => ({ seq, action, attemptId });

test('a log with consecutive seqs and paired attempts checks out, counting open attempts', async () => {
  const report = await checkAuditRows(
    rows([ev(1, 'auth.sign_in'), ev(2, 'disconnect.requested', 'a'), ev(3, 'disconnect.completed', 'a'), ev(4, 'disconnect.requested', 'b')]),
  );
  assert.equal(report.problem, null);
  assert.deepEqual({ events: report.events, attempts: report.attempts, completed: report.completed, open: report.open }, { events: 4, attempts: 2, completed: 1, open: 1 });
});

test('a gap in seq is the first problem named', async () => {
  const report = await checkAuditRows(rows([ev(5, 'auth.sign_in'), ev(6, 'auth.sign_in'), ev(8, 'auth.sign_in')]));
  assert.match(report.problem ?? '', /seq 8 follows seq 6: 1 event\(s\) missing/);
});

test('a second completion of one attempt is a problem', async () => {
  const report = await checkAuditRows(
    rows([ev(1, 'disconnect.requested', 'a'), ev(2, 'disconnect.completed', 'a'), ev(3, 'disconnect.completed', 'a')]),
  );
  assert.match(report.problem ?? '', /seq 3: a second disconnect.completed for attempt a/);
});

test('a completion without its request is a problem', async () => {
  const report = await checkAuditRows(rows([ev(1, 'disconnect.completed', 'x')]));
  assert.match(report.problem ?? '', /has no disconnect.requested/);
});

test('after a recorded prune, a completion whose request was pruned is accepted once; a second one is still a problem', async () => {
  const pruned = await checkAuditRows(rows([ev(16, 'disconnect.completed', 'old'), ev(17, 'disconnect.requested', 'b'), ev(18, 'disconnect.completed', 'b')]), { prunedThrough: 15 });
  assert.equal(pruned.problem, null);
  assert.deepEqual([pruned.attempts, pruned.completed, pruned.open, pruned.completedAfterPrune], [2, 2, 0, 1]);
  const twice = await checkAuditRows(rows([ev(16, 'disconnect.completed', 'old'), ev(17, 'disconnect.completed', 'old')]), { prunedThrough: 15 });
  assert.match(twice.problem ?? '', /seq 17: a second disconnect.completed for attempt old/);
  const unpruned = await checkAuditRows(rows([ev(16, 'disconnect.completed', 'old')]));
  assert.match(unpruned.problem ?? '', /has no disconnect.requested/);
});
