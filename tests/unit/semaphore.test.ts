import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Semaphore } from '../../lib/um/semaphore';

test('a semaphore never grants more slots than its capacity and serves waiters in order', async () => {
  const slots = new Semaphore(2);
  await slots.acquire();
  await slots.acquire();
  const order: number[] = [];
  const third = slots.acquire().then(() => order.push(3));
  const fourth = slots.acquire().then(() => order.push(4));
  await Promise.resolve();
  assert.equal(slots.inUse, 2);
  assert.equal(slots.waiting, 2);
  slots.release();
  await third;
  slots.release();
  await fourth;
  assert.deepEqual(order, [3, 4]);
  assert.equal(slots.inUse, 2);
});

test('a waiter that gives up leaves the queue and does not take a slot later', async () => {
  const slots = new Semaphore(1);
  await slots.acquire();
  const controller = new AbortController();
  const waiting = slots.acquire(controller.signal);
  controller.abort(new Error('deadline'));
  await assert.rejects(waiting, /deadline/);
  assert.equal(slots.waiting, 0);
  slots.release();
  assert.equal(slots.inUse, 0);
});

test('tryAcquire takes a free slot or says no, and a withdrawn waiter is never granted', () => {
  const slots = new Semaphore(1);
  assert.equal(slots.tryAcquire(), true);
  assert.equal(slots.tryAcquire(), false);
  const granted: string[] = [];
  const first = () => granted.push('first');
  const second = () => granted.push('second');
  slots.wait(first);
  slots.wait(second);
  assert.equal(slots.withdraw(first), true);
  assert.equal(slots.withdraw(first), false, 'a waiter can be withdrawn once');
  slots.release();
  assert.deepEqual(granted, ['second'], 'the slot went straight to the remaining waiter');
  assert.equal(slots.inUse, 1);
  slots.release();
  assert.equal(slots.inUse, 0);
  assert.equal(slots.tryAcquire(), true);
});
