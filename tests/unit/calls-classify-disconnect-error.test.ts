import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyDisconnectError } from '../../lib/calls/classify-disconnect-error';
import { UmBadResponse, UmFault, UmHttpError, UmNetworkError, UmTimeoutError } from '../../lib/um';

const fault = (code: string) =>
  new UmFault({ code, faultCode: code, faultString: 'The service said no.', httpStatus: 500, operation: 'Disconnect' });

describe('what a failed Disconnect means', () => {
  it('InvalidCallIdException: the call had already ended', () => {
    const result = classifyDisconnectError(fault('InvalidCallIdException'));
    assert.equal(result.outcome, 'already-ended');
    assert.equal(result.faultCode, 'InvalidCallIdException');
  });

  it('any other fault, or an HTTP error: failed, with the code kept', () => {
    assert.deepEqual(
      [classifyDisconnectError(fault('UserNotUmEnabledException')).outcome, classifyDisconnectError(fault('UserNotUmEnabledException')).faultCode],
      ['failed', 'UserNotUmEnabledException'],
    );
    const http = classifyDisconnectError(new UmHttpError(401, 'Disconnect'));
    assert.equal(http.outcome, 'failed');
    assert.equal(http.faultCode, 'HTTP 401');
  });

  it('a timeout or a network error before anything was sent: failed', () => {
    assert.equal(classifyDisconnectError(new UmTimeoutError(10_000, 'Disconnect', 'no')).outcome, 'failed');
    assert.equal(classifyDisconnectError(new UmNetworkError('refused; nothing was sent.', 'Disconnect', 'no', 'ECONNREFUSED')).outcome, 'failed');
  });

  it('a timeout or a lost connection after sending, or an unreadable answer: unknown, and the message says not to retry blindly', () => {
    const timeout = classifyDisconnectError(new UmTimeoutError(10_000, 'Disconnect', 'maybe'));
    assert.equal(timeout.outcome, 'unknown');
    assert.equal(
      timeout.message,
      'The UM service did not answer within 10 s; the call may still be up. It was not sent again — check its status on the board before trying again.',
    );
    assert.equal(classifyDisconnectError(new UmNetworkError('lost', 'Disconnect', 'maybe', 'ECONNRESET')).outcome, 'unknown');
    assert.equal(classifyDisconnectError(new UmBadResponse('malformed', 'truncated', 'Disconnect', 200)).outcome, 'unknown');
  });

  it('an error that is not the UM client\'s own is unknown, and its text is not shown', () => {
    const result = classifyDisconnectError(new Error('SQLITE_BUSY internal detail'));
    assert.equal(result.outcome, 'unknown');
    assert.doesNotMatch(`${result.message} ${result.faultText}`, /SQLITE/);
  });
});
