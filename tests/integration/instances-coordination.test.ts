// Several console processes on one database (lib/coordination): one leads at a time and another
// takes over when it stops; recovery leaves the disconnects of a live instance alone and closes
// those of a dead one. On SQLite one process serves the file: it leads, and every attempt not
// running in it counts as cut short, as before instances existed.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { appendAuditEvent, getAttempt } from '../../lib/audit';
import { getCallRow, recoverUnfinishedAttempts, trackCall } from '../../lib/calls';
import { takeCallLock } from '../../lib/calls/disconnect-lock';
import { findDeadInstances, findLiveInstances, startCoordinator, type Coordinator } from '../../lib/coordination';
import type { OpenDatabase } from '../../lib/db/open-database';
import { eventually, person, startHarness, type Harness } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';

const operator = person('operator', 'olivia');
const quiet = { log: () => undefined };

describeEachDatabase('console instances on one database', (kind) => {
  let h: Harness;
  let second: OpenDatabase;
  const running: Coordinator[] = [];
  before(async () => {
    h = await startHarness(kind, { verifyTimeoutMs: 1_000 });
    second = await h.database.open();
  });
  after(async () => {
    for (const coordinator of running) await coordinator.stop();
    await h.close();
  });

  async function start(db = h.database.db, intervalMs = 100): Promise<Coordinator> {
    const coordinator = await startCoordinator(db, { intervalMs, ...quiet });
    running.push(coordinator);
    return coordinator;
  }

  /** An attempt on record and holding its call's lock, owned by `instanceId`, with no completion: in flight, or cut short. */
  async function openAttempt(instanceId: string): Promise<{ attemptId: string; callId: string }> {
    const callId = await h.place('+1 425 555 0461');
    assert.ok((await trackCall(h.deps, operator, { callId, label: 'in flight elsewhere' }, 'browser')).ok);
    const attemptId = randomUUID();
    assert.equal(await takeCallLock(h.database.db, callId, attemptId, Date.now(), instanceId), true);
    await appendAuditEvent(h.database.db, {
      action: 'disconnect.requested',
      actor: operator,
      targetCallId: callId,
      reason: 'owned by another instance',
      attemptId,
      details: { instance: instanceId },
    });
    return { attemptId, callId };
  }

  if (kind === 'postgres') {
    it('of two instances exactly one leads; when it stops, the other takes the lead at its next try', async () => {
      const first = await start(h.database.db);
      const other = await start(second.db);
      assert.equal(first.isLeader(), true, 'the first to try leads');
      assert.equal(other.isLeader(), false);
      assert.deepEqual([...(await findLiveInstances(h.database.db, [first.instanceId, other.instanceId, 'never-started']))].sort(), [first.instanceId, other.instanceId].sort());
      await first.stop();
      await eventually(() => other.isLeader(), (leading) => leading, 10_000);
      assert.deepEqual([...(await findLiveInstances(h.database.db, [first.instanceId]))], [], 'a stopped instance holds no lock');
    });

    it("recovery leaves a live instance's attempt and lock alone, and closes them as unknown once that instance is gone", async () => {
      const owner = await start(second.db, 60_000);
      const { attemptId, callId } = await openAttempt(owner.instanceId);
      assert.deepEqual(await recoverUnfinishedAttempts(h.deps), []);
      assert.equal((await getCallRow(h.database.db, callId))?.disconnectInProgress, true, 'the live owner keeps its lock');
      assert.equal((await getAttempt(h.database.db, attemptId))?.completed, null);

      // Its row back after a clean stop, its lock gone: what a killed process leaves behind.
      await owner.stop();
      await second.db.insertInto('console_instances').values({ instance_id: owner.instanceId, started_at: Date.now(), host: 'gone', pid: 1 }).execute();
      assert.deepEqual(await findDeadInstances(h.database.db, 'someone-else'), [owner.instanceId]);
      const recovered = await recoverUnfinishedAttempts(h.deps);
      assert.deepEqual(recovered.map((attempt) => attempt.attemptId), [attemptId]);
      assert.equal((await getAttempt(h.database.db, attemptId))?.completed?.outcome, 'unknown');
      assert.equal((await getCallRow(h.database.db, callId))?.disconnectInProgress, false);
    });
  } else {
    it('the one process leads, and an attempt not running in it is closed at once, whoever wrote it', async () => {
      const self = await start();
      assert.equal(self.isLeader(), true);
      const { attemptId, callId } = await openAttempt(randomUUID());
      const recovered = await recoverUnfinishedAttempts(h.deps);
      assert.deepEqual(recovered.map((attempt) => attempt.attemptId), [attemptId]);
      assert.equal((await getCallRow(h.database.db, callId))?.disconnectInProgress, false);
    });
  }
});
