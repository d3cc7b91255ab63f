import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countCalls, filterCalls, parseCallView } from '../../components/calls/board-view';
import { formatAgo, formatDuration, formatMs, shortenCallId } from '../../components/calls/format';
import type { CallRow } from '../../lib/calls/types';

test('durations read the way people say them, largest units first', () => {
  assert.equal(formatDuration(0), '0 s');
  assert.equal(formatDuration(12_400), '12 s');
  assert.equal(formatDuration(192_000), '3 min 12 s');
  assert.equal(formatDuration(2 * 3_600_000 + 5 * 60_000 + 7_000), '2 h 5 min');
  assert.equal(formatDuration(3 * 86_400_000 + 4 * 3_600_000), '3 d 4 h');
});

test('a negative duration (a clock a little behind) reads as 0 s, not as a minus sign', () => {
  assert.equal(formatDuration(-4_000), '0 s');
  assert.equal(formatAgo(-4_000), 'just now');
});

test('"ago" says "just now" under a second and counts seconds after that', () => {
  assert.equal(formatAgo(400), 'just now');
  assert.equal(formatAgo(4_000), '4 s ago');
  assert.equal(formatAgo(61_000), '1 min 1 s ago');
});

test('latencies stay in ms below a second and switch to seconds above', () => {
  assert.equal(formatMs(12.4), '12 ms');
  assert.equal(formatMs(1_420), '1.4 s');
  assert.equal(formatMs(15_000), '15 s');
});

test('a long CallId is shortened to its start and end; a short one is left whole', () => {
  const callId = Buffer.from('0d7d4f52-7fbe-4a4f-9b53-d6e4a2d2a0b1@um-sim-01.contoso.test').toString('base64');
  const short = shortenCallId(callId);
  assert.equal(short, `${callId.slice(0, 8)}…${callId.slice(-6)}`);
  assert.ok(short.length < callId.length);
  assert.equal(shortenCallId('QUJD'), 'QUJD');
});

test('an unknown or missing view parameter shows the active calls', () => {
  assert.equal(parseCallView('ended'), 'ended');
  assert.equal(parseCallView('all'), 'all');
  assert.equal(parseCallView('everything'), 'active');
  assert.equal(parseCallView(undefined), 'active');
  assert.equal(parseCallView(['ended']), 'active');
});

function row(callId: string, changes: Partial<CallRow> = {}): CallRow {
  return {
    callId,
    label: null,
    server: null,
    addedByEmail: null,
    addedVia: 'browser',
    addedAt: 0,
    state: 'Connected',
    stateLabel: 'Connected',
    causeLabel: 'None',
    stateSince: 0,
    lastCheckedAt: 0,
    lastError: null,
    consecutiveFailures: 0,
    ended: false,
    endedAt: null,
    endReason: null,
    disconnectInProgress: false,
    lastDisconnect: null,
    stuck: null,
    ...changes,
  };
}

test('ended calls leave the active view, stay under Ended and All, and the counts add up', () => {
  const calls = [
    row('QQ=='),
    row('Qg==', { ended: true, endedAt: 5, endReason: 'disconnected' }),
    row('Qw==', { lastError: 'The UM service is unavailable.' }),
    row('RA==', { disconnectInProgress: true }),
  ];
  assert.deepEqual(filterCalls(calls, 'active').map((call) => call.callId), ['QQ==', 'Qw==', 'RA==']);
  assert.deepEqual(filterCalls(calls, 'ended').map((call) => call.callId), ['Qg==']);
  assert.equal(filterCalls(calls, 'all').length, 4);
  assert.deepEqual(countCalls(calls), { active: 3, ended: 1, checkProblems: 1, disconnecting: 1 });
});
