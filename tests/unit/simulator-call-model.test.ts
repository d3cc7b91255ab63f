import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallBook, type CallTimings } from '../../lib/um/simulator/call-model';
import { scenarioForDialString } from '../../lib/um/simulator/scenarios';

const timings: CallTimings = { ringMs: 1_000, teardownMs: 300, retentionMs: 5_000, noAnswerMs: 20_000 };

/** A call book on a clock the test moves by hand. */
function bookAt(start = 1_000_000, maxCalls?: number) {
  const clock = { now: start };
  const book = new CallBook(timings, () => clock.now, maxCalls);
  return { book, clock, advance: (ms: number) => (clock.now += ms) };
}

describe('dial-string scenarios', () => {
  it('picks the scenario from the last four digits, ignoring punctuation', () => {
    assert.equal(scenarioForDialString('+1 (425) 555-0000'), 'no-answer');
    assert.equal(scenarioForDialString('4255551111'), 'busy');
    assert.equal(scenarioForDialString('2222'), 'unavailable');
    assert.equal(scenarioForDialString('555 3333'), 'blocked');
    assert.equal(scenarioForDialString('49 89 9999'), 'stuck');
    assert.equal(scenarioForDialString('12345'), 'normal');
    assert.equal(scenarioForDialString('0000 1'), 'normal');
  });
});

describe('the simulated call model', () => {
  it('a normal call is Connecting while it rings and Connected from ringMs on', () => {
    const { book, advance } = bookAt();
    const placed = book.place('A', '12345', 'normal');
    assert.equal(placed.state, 'Connecting');
    advance(999);
    assert.equal(book.snapshot('A')?.state, 'Connecting');
    advance(1);
    const connected = book.snapshot('A');
    assert.equal(connected?.state, 'Connected');
    assert.equal(connected?.cause, 'None');
    assert.equal(connected?.stateSince, placed.createdAt + 1_000);
  });

  it('a disconnect is accepted at once but the call ends only teardownMs later, with cause None', () => {
    const { book, advance } = bookAt();
    book.place('A', '12345', 'normal');
    advance(2_000);
    assert.equal(book.disconnect('A'), true);
    advance(299);
    assert.equal(book.snapshot('A')?.state, 'Connected');
    advance(1);
    assert.deepEqual(
      { state: book.snapshot('A')?.state, cause: book.snapshot('A')?.cause, requests: book.snapshot('A')?.disconnectRequests },
      { state: 'Disconnected', cause: 'None', requests: 1 },
    );
  });

  it('a repeated disconnect does not postpone the teardown queued by the first', () => {
    const { book, advance } = bookAt();
    book.place('A', '12345', 'normal');
    advance(2_000);
    book.disconnect('A');
    advance(200);
    book.disconnect('A');
    advance(100);
    assert.equal(book.snapshot('A')?.state, 'Disconnected');
    assert.equal(book.snapshot('A')?.disconnectRequests, 2);
  });

  it('an ended call stays queryable and disconnectable for retentionMs, then is unknown', () => {
    const { book, advance } = bookAt();
    book.place('A', '12345', 'normal');
    book.disconnect('A');
    advance(300); // ended now
    advance(4_999);
    assert.equal(book.snapshot('A')?.state, 'Disconnected');
    assert.equal(book.disconnect('A'), true);
    advance(1);
    assert.equal(book.snapshot('A'), undefined);
    assert.equal(book.disconnect('A'), false);
  });

  it('a never-answering call rings for noAnswerMs and ends with NoAnswer', () => {
    const { book, advance } = bookAt();
    book.place('A', '5550000', 'no-answer');
    advance(19_999);
    assert.equal(book.snapshot('A')?.state, 'Connecting');
    advance(1);
    assert.deepEqual([book.snapshot('A')?.state, book.snapshot('A')?.cause], ['Disconnected', 'NoAnswer']);
  });

  it('hanging up a ringing never-answering call ends it with cause None before noAnswerMs', () => {
    const { book, advance } = bookAt();
    book.place('A', '5550000', 'no-answer');
    advance(100);
    book.disconnect('A');
    advance(300);
    assert.deepEqual([book.snapshot('A')?.state, book.snapshot('A')?.cause], ['Disconnected', 'None']);
  });

  it('busy and unavailable callees end the call shortly after it starts ringing', () => {
    const { book, advance } = bookAt();
    book.place('B', '5551111', 'busy');
    book.place('U', '5552222', 'unavailable');
    assert.equal(book.snapshot('B')?.state, 'Connecting');
    advance(500);
    assert.deepEqual([book.snapshot('B')?.state, book.snapshot('B')?.cause], ['Disconnected', 'UserBusy']);
    assert.deepEqual([book.snapshot('U')?.state, book.snapshot('U')?.cause], ['Disconnected', 'Unavailable']);
  });

  it('a stuck call accepts a disconnect but stays Connected', () => {
    const { book, advance } = bookAt();
    book.place('S', '5559999', 'stuck');
    advance(1_000);
    assert.equal(book.disconnect('S'), true);
    advance(60_000);
    assert.equal(book.snapshot('S')?.state, 'Connected');
    assert.equal(book.snapshot('S')?.disconnectRequests, 1);
  });

  it('an unknown CallId is neither queryable nor disconnectable', () => {
    const { book } = bookAt();
    assert.equal(book.snapshot('nope'), undefined);
    assert.equal(book.disconnect('nope'), false);
  });

  it('expired calls are pruned from the book when new calls are placed', () => {
    const { book, advance } = bookAt();
    for (let i = 0; i < 50; i += 1) book.place(`busy-${i}`, '5551111', 'busy');
    advance(500 + 5_000 + 1_000);
    book.place('fresh', '12345', 'normal');
    assert.equal(book.size, 1);
    assert.deepEqual(book.list().map((call) => call.callId), ['fresh']);
  });

  it('the book never holds more than its cap: the oldest calls are forgotten first', () => {
    const { book } = bookAt(0, 3);
    for (const id of ['1', '2', '3', '4', '5']) book.place(id, '12345', 'normal');
    assert.equal(book.size, 3);
    assert.deepEqual(book.list().map((call) => call.callId), ['3', '4', '5']);
  });
});
