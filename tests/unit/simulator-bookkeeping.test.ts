import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FailurePlan } from '../../lib/um/simulator/failure-plan';
import { MAX_REQUEST_RECORDS, RequestLog } from '../../lib/um/simulator/request-log';
import { createBasicAuthCheck } from '../../lib/um/simulator/basic-auth';

describe('injected failure plan', () => {
  it('a failure with a count is used up by that many matching requests, in injection order', () => {
    const plan = new FailurePlan();
    plan.add({ kind: 'reset', count: 2, operations: ['Disconnect'] });
    plan.add({ kind: 'http503', count: 1 });
    assert.equal(plan.take('GetCallInfo'), 'http503');
    assert.equal(plan.take('GetCallInfo'), undefined);
    assert.equal(plan.take('Disconnect'), 'reset');
    assert.equal(plan.take('Disconnect'), 'reset');
    assert.equal(plan.take('Disconnect'), undefined);
  });

  it('a failure without a count lasts until cleared; one limited to operations skips unidentified requests', () => {
    const plan = new FailurePlan();
    plan.add({ kind: 'empty', operations: ['IsUMEnabled'] });
    assert.equal(plan.take(undefined), undefined);
    for (let i = 0; i < 5; i += 1) assert.equal(plan.take('IsUMEnabled'), 'empty');
    plan.clear();
    assert.equal(plan.take('IsUMEnabled'), undefined);
  });

  it('refuses an unknown kind or a count that is not a positive whole number', () => {
    const plan = new FailurePlan();
    assert.throws(() => plan.add({ kind: 'explode' as never }), RangeError);
    assert.throws(() => plan.add({ kind: 'reset', count: 0 }), RangeError);
    assert.throws(() => plan.add({ kind: 'reset', count: 1.5 }), RangeError);
  });
});

describe('request log', () => {
  it(`keeps the last ${MAX_REQUEST_RECORDS} records but counts every request`, () => {
    const log = new RequestLog();
    for (let i = 0; i < MAX_REQUEST_RECORDS + 5; i += 1) {
      log.record({ at: i, path: '/x', operation: i % 2 === 0 ? 'GetCallInfo' : undefined, status: 200, callId: undefined });
    }
    const records = log.list();
    assert.equal(records.length, MAX_REQUEST_RECORDS);
    assert.equal(records[0]?.at, 5);
    assert.equal(log.count(), MAX_REQUEST_RECORDS + 5);
    assert.equal(log.count('GetCallInfo'), Math.ceil((MAX_REQUEST_RECORDS + 5) / 2));
  });

  it('peak concurrency is the most requests in progress at once, and ending twice counts once', () => {
    const log = new RequestLog();
    const endA = log.begin();
    const endB = log.begin();
    endA();
    endA();
    const endC = log.begin();
    assert.equal(log.peakConcurrency, 2);
    endB();
    endC();
    log.begin();
    assert.equal(log.peakConcurrency, 2);
  });
});

describe('Basic auth check', () => {
  const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

  it('is absent when no user name is configured', () => {
    assert.equal(createBasicAuthCheck(undefined, undefined), undefined);
  });

  it('accepts exactly the configured pair, with a password that may contain ":"', () => {
    const check = createBasicAuthCheck('svc', 'a:b');
    assert.ok(check);
    assert.equal(check(basic('svc:a:b')), true);
    assert.equal(check(basic('svc:a:c')), false);
    assert.equal(check(basic('svc:a')), false);
    assert.equal(check(basic('svc')), false);
    assert.equal(check(undefined), false);
    assert.equal(check(`Bearer ${Buffer.from('svc:a:b').toString('base64')}`), false);
  });
});
