import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUmClient, UmHttpError } from '../../lib/um';
import { startUmSimulator, type UmSimulator } from '../../lib/um/simulator';

describe('Basic authentication against the simulator', () => {
  let simulator: UmSimulator;
  before(async () => {
    simulator = await startUmSimulator({ username: 'svc-um', password: 'correct horse' });
  });
  after(() => simulator.close());

  async function isUmEnabledAs(username?: string, password?: string): Promise<boolean> {
    const client = createUmClient({ url: simulator.url, username, password, timeoutMs: 5_000 });
    try {
      return await client.isUmEnabled();
    } finally {
      await client.close();
    }
  }

  function isAuthenticationFailure(error: unknown): boolean {
    assert.ok(error instanceof UmHttpError, String(error));
    assert.equal(error.status, 401);
    assert.match(error.message, /Authentication failed/);
    assert.equal(error.authChallenge, 'Basic realm="UM simulator"');
    return true;
  }

  it('the right user name and password are let in', async () => {
    assert.equal(await isUmEnabledAs('svc-um', 'correct horse'), true);
  });

  it('no credentials get HTTP 401 with a Basic challenge, reported as an authentication failure', async () => {
    await assert.rejects(isUmEnabledAs(), isAuthenticationFailure);
  });

  it('a wrong password gets HTTP 401', async () => {
    await assert.rejects(isUmEnabledAs('svc-um', 'correct horsE'), isAuthenticationFailure);
  });

  it('a wrong user name with the right password gets HTTP 401', async () => {
    await assert.rejects(isUmEnabledAs('svc-UM', 'correct horse'), isAuthenticationFailure);
  });

  it('a password that only starts like the right one gets HTTP 401', async () => {
    await assert.rejects(isUmEnabledAs('svc-um', 'correct horse battery'), isAuthenticationFailure);
  });

  it('refused requests are recorded with status 401 and change nothing', async () => {
    const before = simulator.requests.filter((record) => record.status === 401).length;
    await assert.rejects(isUmEnabledAs('svc-um', 'nope'), isAuthenticationFailure);
    const refused = simulator.requests.filter((record) => record.status === 401);
    assert.equal(refused.length, before + 1);
    assert.equal(refused.at(-1)?.operation, 'IsUMEnabled');
    assert.equal(simulator.listCalls().length, 0);
  });
});
