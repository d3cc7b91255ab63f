// Every way the simulator can fail, at each UM step of a disconnect (the Disconnect itself, and the
// GetCallInfo verification after the service took it), through the real workflow over loopback:
// the call settles, is never 'confirmed', leaves exactly one requested + one completed on record,
// releases its lock, sends one Disconnect, and nothing escapes to the process.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { getAttempt } from '../../lib/audit';
import { getAuditHmacKey } from '../../lib/audit/chain/audit-key';
import { verifyAuditChain } from '../../lib/audit/chain/verify-chain';
import { disconnectCall, getCallRow } from '../../lib/calls';
import { attemptsInProcess } from '../../lib/calls/disconnect-lock';
import { FAILURE_KINDS, type SimulatedFailureKind } from '../../lib/um/simulator';
import { person, startHarness, trackedCall, type Harness } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';

type Step = 'Disconnect' | 'verification';

const operator = person('operator', 'olivia');

/** Only an HTTP error proves the service did not take the hang-up; everything else leaves it open. */
const EXPECTED: Record<Step, (kind: SimulatedFailureKind) => string> = {
  Disconnect: (kind) => (kind === 'http503' ? 'failed' : 'unknown'),
  // The service took the hang-up, but no check could confirm it.
  verification: () => 'accepted',
};

describeEachDatabase('a disconnect against a UM service failing in every way the simulator can fail', (kind) => {
  let h: Harness;
  /** Called as each Disconnect arrives at the simulator, before it is answered. */
  let onDisconnectArrives: (() => void) | undefined;
  const escaped: unknown[] = [];
  const onEscape = (reason: unknown) => escaped.push(reason);

  before(async () => {
    process.on('unhandledRejection', onEscape);
    process.on('uncaughtException', onEscape);
    h = await startHarness(kind, {
      clientTimeoutMs: 300,
      verifyTimeoutMs: 600,
      verifyBackoffMs: [50, 100],
      simulator: { log: (line) => / Disconnect /.test(line) && onDisconnectArrives?.() },
    });
  });
  after(async () => {
    await h.close();
    process.off('unhandledRejection', onEscape);
    process.off('uncaughtException', onEscape);
  });

  for (const step of ['Disconnect', 'verification'] as const) {
    for (const kind of FAILURE_KINDS) {
      it(`${kind} at the ${step} step: ${EXPECTED[step](kind)}, one audit pair, lock released, one Disconnect`, async () => {
        const callId = await trackedCall(h, '+1 425 555 0500', `${kind} at ${step}`);
        h.simulator.clearFailures();
        if (step === 'Disconnect') {
          h.simulator.injectFailure({ kind, operations: ['Disconnect'], count: 1 });
        } else {
          // From the moment the Disconnect arrives, every status check fails: the pre-check before it does not.
          onDisconnectArrives = () => h.simulator.injectFailure({ kind, operations: ['GetCallInfo'] });
        }
        const disconnectsBefore = h.simulator.requestCount('Disconnect');
        const checksBefore = h.simulator.requests.length;
        let result: Awaited<ReturnType<typeof disconnectCall>>;
        try {
          result = await disconnectCall(h.deps, operator, { callId, reason: `${kind} during ${step}` });
        } finally {
          onDisconnectArrives = undefined;
          h.simulator.clearFailures();
        }

        assert.ok(result.ok, `the workflow settles with a result: ${JSON.stringify(result)}`);
        assert.notEqual(result.data.outcome, 'confirmed');
        assert.equal(result.data.outcome, EXPECTED[step](kind), result.data.message);
        assert.equal(h.simulator.requestCount('Disconnect') - disconnectsBefore, 1, 'exactly one Disconnect, never re-sent');
        if (step === 'verification') {
          // An injected failure stands in for the service, so its record names no CallId.
          const failedChecks = h.simulator.requests.slice(checksBefore).filter((r) => r.operation === 'GetCallInfo' && r.callId === undefined);
          assert.ok(failedChecks.length >= 1, 'the verification met the failure');
        }

        const rows = await h.database.db
          .selectFrom('audit_events')
          .select(['action', 'outcome'])
          .where('attempt_id', '=', result.data.attemptId)
          .orderBy('seq')
          .execute();
        assert.deepEqual(rows, [
          { action: 'disconnect.requested', outcome: null },
          { action: 'disconnect.completed', outcome: result.data.outcome },
        ]);
        const attempt = await getAttempt(h.database.db, result.data.attemptId);
        assert.equal(attempt?.status, 'completed');
        if (step === 'verification') {
          const verification = (attempt?.completed?.details as { verification?: { lastState: unknown; lastError: unknown } }).verification;
          assert.equal(verification?.lastState, null, 'no check got an answer');
          assert.ok(typeof verification?.lastError === 'string' && verification.lastError !== '', 'the last check’s problem is on record');
        }
        assert.equal((await getCallRow(h.database.db, callId))?.disconnectInProgress, false, 'the database lock is released');
        assert.deepEqual(attemptsInProcess(h.database.db), [], 'the in-process claim is released');
        assert.deepEqual(escaped.map(String), [], 'no unhandled rejection or uncaught exception');
      });
    }
  }

  it('the audit chain verifies after every failure', async () => {
    const chain = await verifyAuditChain(h.database.db, getAuditHmacKey());
    assert.ok(chain.ok, JSON.stringify(chain));
    assert.ok(chain.count >= 2 * 2 * FAILURE_KINDS.length);
    assert.deepEqual(escaped.map(String), []);
  });
});
