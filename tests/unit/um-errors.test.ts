import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import * as first from '../../lib/um/errors';

test('an error from a second copy of lib/um (another bundle) still passes instanceof against the first', () => {
  // Evaluating the module again gives a second set of classes, as Next does when
  // instrumentation and pages are bundled apart.
  const load = createRequire(import.meta.url);
  const file = load.resolve('../../lib/um/errors');
  const cached = load.cache[file];
  delete load.cache[file];
  const second = load(file) as typeof first;
  if (cached) load.cache[file] = cached;
  assert.notEqual(second.UmFault, first.UmFault, 'the test needs two distinct copies');
  const fault = new second.UmFault({ code: 'InvalidCallIdException', faultCode: 'InvalidCallIdException', faultString: 'x', httpStatus: 500, operation: 'Disconnect' });
  assert.ok(fault instanceof first.UmFault);
  assert.ok(fault instanceof first.UmError);
  assert.ok(first.isUmError(fault));
  assert.ok(!(fault instanceof first.UmHttpError));
  assert.ok(!(fault instanceof first.UmTimeoutError));
});

test('each error class matches only its own instances, and plain errors match none', () => {
  const timeout = new first.UmTimeoutError(10_000, 'Disconnect', 'maybe');
  assert.ok(timeout instanceof first.UmTimeoutError);
  assert.ok(timeout instanceof first.UmError);
  assert.ok(timeout instanceof Error);
  assert.ok(!(timeout instanceof first.UmNetworkError));
  assert.equal(timeout.name, 'UmTimeoutError');
  assert.ok(!(new Error('x') instanceof first.UmError));
  assert.ok(!first.isUmError({ kind: 'fault' }));
  assert.ok(!first.isUmError(null));
});
