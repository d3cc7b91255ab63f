// Two `next start` processes on one PostgreSQL database and one UM simulator behave as one console:
// a token revoked through one stops on the other at once, and sign-in failures on one throttle the
// other; then 200 disconnects spread over both (some sent to both at once), with the poller's leader
// killed midway. Every attempt is audited once, no call gets two Disconnects, the chain verifies,
// and the survivor closes the dead instance's cut-short attempts, takes the lead and polls.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildIfStale } from '../../lib/cli/build-if-stale';
import { startUmSimulator } from '../../lib/um/simulator';
import { runAdminCli, createApiToken } from '../e2e/support/admin-cli';
import { E2E_USERS, sessionCookieFor } from '../e2e/support/auth-users';
import { startConsole } from '../e2e/support/start-console';
import { describeForDatabase } from '../helpers/databases/each-database';
import { SHARED_TEST_SECRETS } from '../helpers/databases/shared-secrets';
import { openTestDatabase, type TestDatabase } from '../helpers/databases/test-database';
import { fetchCsrfPair, postCredentials, setCookieLine } from './support/next-auth-requests';
import { findServerActionId } from './support/server-action';
import { UM_TEST_PASSWORD, UM_TEST_USERNAME } from './support/security-console';
import { placeCalls, runDisconnects, waitFor, type DisconnectJob, type Instance } from './support/multi-instance-load';

const CALLS = 200;
/** Tracked and never disconnected: the poller has something to poll after the kill. */
const WATCHED = 5;
/** Calls sent to both instances at the same moment. */
const DUPLICATES = 20;

describeForDatabase('postgres', 'two console instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let simulator: Awaited<ReturnType<typeof startUmSimulator>>;
  let instances: Instance[] = [];
  let env: Record<string, string>;
  let operatorToken = '';

  before(async () => {
    await buildIfStale({ root: process.cwd() });
    database = await openTestDatabase('postgres');
    simulator = await startUmSimulator({ ringMs: 100, teardownMs: 50, username: UM_TEST_USERNAME, password: UM_TEST_PASSWORD });
    env = {
      ...SHARED_TEST_SECRETS,
      DATABASE_URL: database.url,
      UM_SERVICE_URL: simulator.url,
      UM_USERNAME: UM_TEST_USERNAME,
      UM_PASSWORD: UM_TEST_PASSWORD,
      POLL_INTERVAL_MS: '1000',
      API_RATE_LIMIT_PER_MINUTE: '100000',
    };
    const first = await startConsole({ env });
    const second = await startConsole({ env, seedUsers: false });
    instances = [first, second].map((running, index) => ({ name: index === 0 ? 'A' : 'B', running, cookie: '', alive: true }));
    // Every session this file needs, before the throttling test refuses this address.
    for (const instance of instances) instance.cookie = await sessionCookieFor(instance.running.url, E2E_USERS.admin);
    operatorToken = await createApiToken(first.dataDir, E2E_USERS.operator.email, 'load', env);
  });
  after(async () => {
    for (const instance of instances) await instance.running.stop();
    await simulator?.close();
    await database?.dispose();
  });

  const [a, b] = [() => instances[0] as Instance, () => instances[1] as Instance];
  const apiGet = (instance: Instance, path: string, token: string) =>
    fetch(`${instance.running.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('a token revoked through one instance (a server action it serves) is refused by the other at once', async () => {
    for (const instance of instances) assert.equal((await fetch(`${instance.running.url}/sign-in`)).status, 200, 'the health check URL');
    const token = await createApiToken(a().running.dataDir, E2E_USERS.operator.email, 'revoke-me', env);
    assert.equal((await apiGet(b(), '/calls', token)).status, 200);
    const { id } = await database.db.selectFrom('api_tokens').select('id').where('name', '=', 'revoke-me').executeTakeFirstOrThrow();
    const body = new FormData();
    body.append('_1_tokenId', id);
    body.append('0', JSON.stringify(['$K1']));
    const actionId = await findServerActionId('lib/actions/tokens/revoke-token-action.ts', 'revokeTokenAction');
    const response = await fetch(`${a().running.url}/settings/tokens`, {
      method: 'POST',
      headers: { accept: 'text/x-component', 'next-action': actionId, cookie: a().cookie, origin: a().running.url },
      body,
      redirect: 'manual',
    });
    assert.equal(response.status, 200, await response.text());
    const row = await database.db.selectFrom('api_tokens').select('revoked_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.notEqual(row.revoked_at, null, 'the action served by A revoked the token');
    assert.equal((await apiGet(b(), '/calls', token)).status, 401);
    assert.equal((await apiGet(a(), '/calls', token)).status, 401);
  });

  it('disconnects spread over both, the leader killed midway: each attempt audited once, one Disconnect per call at most, the chain verifies, the survivor polls', async (t) => {
    const callIds = await placeCalls(simulator, instances, operatorToken, CALLS + WATCHED);
    const targets = callIds.slice(0, CALLS);
    const watched = callIds.slice(CALLS);
    const leaders = await Promise.all(instances.map(async (instance) => (await boardOf(instance)).pollerLeading));
    assert.deepEqual(leaders.filter(Boolean).length, 1, `exactly one instance leads the poller (${JSON.stringify(leaders)})`);
    const leader = instances[leaders.indexOf(true)] as Instance;
    const survivor = instances.find((instance) => instance !== leader) as Instance;

    const jobs: DisconnectJob[] = targets.map((callId, index) => ({ callId, both: index % (CALLS / DUPLICATES) === 0, prefer: index % 2 }));
    let killedAt = -1;
    const results = await runDisconnects(instances, jobs, operatorToken, {
      concurrency: 8,
      // Midway, while Disconnects are slow to answer, so some are in flight on the leader when it dies.
      midway: async (done) => {
        if (done !== CALLS / 2 || killedAt >= 0) return;
        killedAt = done;
        simulator.setLatency(1_500);
        await new Promise((resolve) => setTimeout(resolve, 500));
        await leader.running.crash();
        leader.alive = false;
        simulator.setLatency(0);
      },
    });
    assert.ok(killedAt > 0, 'the leader was killed midway');

    // The survivor takes the lead and closes what the dead instance left open.
    await waitFor('the survivor leads the poller', async () => (await boardOf(survivor)).pollerLeading, (leading) => leading);
    const openAttempts = () =>
      database.db
        .selectFrom('audit_events as r')
        .select('r.attempt_id')
        .where('r.action', '=', 'disconnect.requested')
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('audit_events as c').select('c.seq').where('c.action', '=', 'disconnect.completed').whereRef('c.attempt_id', '=', 'r.attempt_id'))),
        )
        .execute();
    await waitFor('no attempt left open', openAttempts, (rows) => rows.length === 0);

    // What the dead instance never answered is sent again, to the survivor, as a script would.
    const unanswered = results.filter((result) => result.status === 0).map((result) => result.callId);
    for (const callId of new Set(unanswered)) {
      const response = await fetch(`${survivor.running.url}/api/v1/calls/${encodeURIComponent(callId)}/disconnect`, {
        method: 'POST',
        headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'again, after its instance died' }),
      });
      assert.equal(response.status, 200, `the resent disconnect of ${callId}: ${await response.text()}`);
    }

    // Each attempt: one request and one completion. Each call: one attempt, or two when the first
    // was cut short by the kill (closed as unknown by the survivor) and sent again.
    const events = await database.db
      .selectFrom('audit_events')
      .select(['attempt_id', 'action', 'target_call_id', 'outcome', 'auth_method'])
      .where('action', 'in', ['disconnect.requested', 'disconnect.completed'])
      .execute();
    const byAttempt = new Map<string, { requested: number; completed: number; callId: string | null; outcome: string | null; system: boolean }>();
    for (const event of events) {
      const entry = byAttempt.get(event.attempt_id ?? '') ?? { requested: 0, completed: 0, callId: event.target_call_id, outcome: null, system: false };
      if (event.action === 'disconnect.requested') entry.requested += 1;
      else {
        entry.completed += 1;
        entry.outcome = event.outcome;
        entry.system = event.auth_method === 'system';
      }
      byAttempt.set(event.attempt_id ?? '', entry);
    }
    for (const [attemptId, entry] of byAttempt) {
      assert.deepEqual([entry.requested, entry.completed], [1, 1], `attempt ${attemptId} is audited once`);
    }
    const recoveredBySurvivor = [...byAttempt.values()].filter((entry) => entry.system);
    assert.ok(recoveredBySurvivor.every((entry) => entry.outcome === 'unknown'), 'the survivor closes cut-short attempts as unknown');
    t.diagnostic(`${byAttempt.size} attempts, ${recoveredBySurvivor.length} closed by the survivor, ${unanswered.length} resent`);
    const perCall = new Map<string, Array<{ outcome: string | null; system: boolean }>>();
    for (const entry of byAttempt.values()) perCall.set(entry.callId ?? '', [...(perCall.get(entry.callId ?? '') ?? []), entry]);
    assert.deepEqual([...perCall.keys()].sort(), [...targets].sort(), 'every call has an audited attempt, and only those calls');
    const duplicated = new Set(jobs.filter((job) => job.both).map((job) => job.callId));
    for (const [callId, attempts] of perCall) {
      if (attempts.length === 1) continue;
      // A second attempt only when the kill cut the first short, or a duplicate came after the first
      // had ended the call (it found it ended and sent nothing).
      const explained = attempts.length === 2 && (attempts.some((x) => x.system) || (duplicated.has(callId) && attempts.some((x) => x.outcome === 'already-ended')));
      assert.ok(explained, `call ${callId} has attempts ${JSON.stringify(attempts)}`);
    }

    // The duplicates sent to both instances at once: one went ahead, the other was refused or found it ended.
    const duplicateAnswers = results.filter((result) => jobs.find((job) => job.callId === result.callId)?.both);
    assert.ok(duplicateAnswers.some((result) => result.status === 409), 'a disconnect in progress on one instance blocked the other');

    // At the UM service: never two Disconnects for one call, and every call is down.
    const disconnects = new Map<string, number>();
    for (const request of simulator.requests) {
      if (request.operation === 'Disconnect' && request.callId) disconnects.set(request.callId, (disconnects.get(request.callId) ?? 0) + 1);
    }
    assert.deepEqual([...disconnects.entries()].filter(([, n]) => n > 1), [], 'no call got two Disconnects');
    for (const callId of targets) assert.notEqual(simulator.getCall(callId)?.state, 'Connected', `${callId} is down`);

    // The survivor closed the dead instance's in-flight attempts itself (no restart), and says so.
    assert.ok(recoveredBySurvivor.length > 0, 'the leader died with disconnects in flight, and the survivor closed them');
    assert.match(survivor.running.output(), /cut short by a console instance that stopped/);

    const verify = await runAdminCli(['verify-audit'], { ...env, DATA_DIR: survivor.running.dataDir });
    assert.equal(verify.code, 0, `${verify.stdout}\n${verify.stderr}`);

    // The survivor's poller runs: the watched calls get GetCallInfo again.
    const polls = () => simulator.requests.filter((request) => request.operation === 'GetCallInfo' && watched.includes(request.callId ?? '')).length;
    const before = polls();
    await waitFor('the survivor polls the watched calls', polls, (n) => n >= before + 2 * WATCHED);
  });

  it('sign-in failures on one instance throttle the same account on the other', async () => {
    // The killed instance starts again on the same database: both serve.
    for (const instance of instances.filter((candidate) => !candidate.alive)) {
      instance.running = await startConsole({ env, seedUsers: false });
      instance.alive = true;
    }
    const [one, other] = instances as [Instance, Instance];
    const who = E2E_USERS.viewer;
    const signIn = async (instance: Instance, password: string) =>
      setCookieLine(await postCredentials(instance.running.url, await fetchCsrfPair(instance.running.url), { email: who.email, password, callbackUrl: '/', json: true }), 'umcc-session') !== undefined;
    assert.equal(await signIn(other, who.password), true, 'the account signs in on the other instance');
    for (let i = 0; i < 5; i += 1) assert.equal(await signIn(one, 'not the password'), false);
    assert.equal(await signIn(other, who.password), false, 'the right password is refused there now: the failures count everywhere');
  });

  async function boardOf(instance: Instance): Promise<{ pollerLeading: boolean }> {
    const response = await fetch(`${instance.running.url}/api/board`, { headers: { cookie: instance.cookie } });
    assert.equal(response.status, 200);
    return (await response.json()) as { pollerLeading: boolean };
  }
});

