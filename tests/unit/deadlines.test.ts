import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Deadlines } from '../../lib/um/deadlines';

/** Records when each named target expired, in ms since `start`. */
function recorder(start: number) {
  const expired: Array<[string, number]> = [];
  return { expired, target: (name: string) => ({ expire: () => expired.push([name, performance.now() - start]) }) };
}

test('deadlines fire in order, each no earlier than its time, and a cancelled one never fires', async () => {
  const deadlines = new Deadlines(60);
  const start = performance.now();
  const { expired, target } = recorder(start);
  const first = deadlines.add(target('first'));
  await delay(20);
  const second = deadlines.add(target('second'));
  deadlines.add(target('third'));
  deadlines.cancel(first);
  deadlines.cancel(first); // twice is harmless
  await delay(200);
  assert.deepEqual(expired.map(([name]) => name), ['second', 'third']);
  // The timer armed for the cancelled first deadline fired early and was re-armed for the second.
  assert.ok((expired[0]?.[1] ?? 0) >= 79, `the second deadline fired at ${expired[0]?.[1]} ms, before its 80 ms`);
  deadlines.cancel(second); // after it fired: nothing happens
});

test('the timer is re-armed for deadlines added after it fired', async () => {
  const deadlines = new Deadlines(30);
  const start = performance.now();
  const { expired, target } = recorder(start);
  deadlines.add(target('a'));
  await delay(80);
  deadlines.add(target('b'));
  await delay(80);
  assert.deepEqual(expired.map(([name]) => name), ['a', 'b']);
  assert.ok((expired[1]?.[1] ?? 0) >= 109, `b fired at ${expired[1]?.[1]} ms`);
});

test('a pending deadline does not keep the process alive (the request it watches does that)', async () => {
  const deadlinesModule = path.join(import.meta.dirname, '..', '..', 'lib', 'um', 'deadlines.ts');
  const script = `const { Deadlines } = require(${JSON.stringify(deadlinesModule)}); new Deadlines(60_000).add({ expire: () => process.exit(3) });`;
  // execFile's timeout kills a child still running after 20 s, which rejects; a clean exit resolves.
  const { stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', script], { timeout: 20_000 });
  assert.equal(stderr, '');
});
