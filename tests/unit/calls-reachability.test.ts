import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INITIAL_REACHABILITY, nextReachability, type ServiceSignal } from '../../lib/calls';

const answered: ServiceSignal = { kind: 'answered' };
const down = (message = 'The UM service is unavailable (HTTP 503 for GetCallInfo); try again shortly.'): ServiceSignal => ({
  kind: 'unanswered',
  message,
});
const unclear: ServiceSignal = { kind: 'unclear' };

describe('UM reachability on the board', () => {
  it('starts as answering with no "since" until a round has run', () => {
    assert.deepEqual(INITIAL_REACHABILITY, { answering: true, since: null, problem: null });
    assert.deepEqual(nextReachability(INITIAL_REACHABILITY, [answered], 100), { answering: true, since: 100, problem: null });
  });

  it('a round where every request went unanswered flips it to not answering since that round, with the first problem in words', () => {
    const up = { answering: true, since: 100, problem: null };
    const next = nextReachability(up, [down(), down('other')], 500);
    assert.equal(next.answering, false);
    assert.equal(next.since, 500);
    assert.equal(next.problem, 'The UM service is not answering. The UM service is unavailable (HTTP 503 for GetCallInfo); try again shortly.');
  });

  it('keeps the first "since" while it stays down', () => {
    const firstDown = nextReachability({ answering: true, since: 100, problem: null }, [down()], 500);
    assert.equal(nextReachability(firstDown, [down('later')], 900).since, 500);
  });

  it('one answer in a round is enough: answering again since that round', () => {
    const wasDown = { answering: false, since: 500, problem: 'x' };
    assert.deepEqual(nextReachability(wasDown, [down(), answered], 900), { answering: true, since: 900, problem: null });
    const up = { answering: true, since: 100, problem: null };
    assert.equal(nextReachability(up, [answered], 900), up, 'an unchanged state keeps its since');
  });

  it('an empty round or one with unclear failures changes nothing', () => {
    const up = { answering: true, since: 100, problem: null };
    assert.equal(nextReachability(up, [], 900), up);
    assert.equal(nextReachability(up, [down(), unclear], 900), up);
  });
});
