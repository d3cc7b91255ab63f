import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSecurityTarget, type SecurityTarget } from './support/security-console';

describe('the security suite’s target', () => {
  let target: SecurityTarget;
  before(async () => {
    target = await startSecurityTarget();
  });
  after(() => target?.stop());

  it('is the production console talking to the counted simulator: a signed-in operator’s UM check reaches it', async () => {
    const before = target.umRequests();
    const cookie = await target.sessionCookie('operator');
    const response = await fetch(`${target.url}/api/v1/calls`, { headers: { cookie } });
    assert.equal(response.status, 200);
    // The home page runs the UM service check (IsUMEnabled) on the server.
    const home = await fetch(`${target.url}/`, { headers: { cookie } });
    assert.equal(home.status, 200);
    assert.ok(target.umRequests() > before, 'the console reached the simulator');
  });
});
