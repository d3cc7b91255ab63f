import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkCallId, decodeCallId, encodeCallId, MAX_CALL_ID_LENGTH, validateCallId } from '../../lib/um/call-id';
import { UmInputError } from '../../lib/um/errors';

const DOCUMENTED = 'MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=';

describe('CallId validation happens before any XML exists', () => {
  test('the documented CallId is accepted unchanged', () => {
    assert.equal(validateCallId(DOCUMENTED), DOCUMENTED);
  });

  test(`a CallId of exactly ${MAX_CALL_ID_LENGTH} characters is accepted, one more is refused`, () => {
    assert.equal(checkCallId('A'.repeat(MAX_CALL_ID_LENGTH)), undefined);
    assert.match(checkCallId('A'.repeat(MAX_CALL_ID_LENGTH + 1)) ?? '', /at most 1420 characters; this one has 1421/);
  });

  const refused: Record<string, unknown> = {
    'an empty string': '',
    'XML metacharacters (</CallId><x/>)': '</CallId><x/>',
    'an ampersand entity': 'QUJD&amp;',
    'a quote': 'QUJD"',
    'a NUL character': 'QUJD\u0000',
    'a newline': 'QUJD\nQUJD',
    'a tab': 'QUJD\tQUJD',
    'a space': 'QUJD QUJD',
    'a non-ASCII letter': 'QUJDé',
    'base64url characters': 'QUJD-_',
    'a number': 12345,
    'undefined': undefined,
    'a megabyte of text': 'A'.repeat(1024 * 1024),
  };
  for (const [name, value] of Object.entries(refused)) {
    test(`${name} is refused with UmInputError on field callId`, () => {
      assert.throws(
        () => validateCallId(value),
        (error: unknown) => error instanceof UmInputError && error.field === 'callId' && error.message.length > 0,
      );
    });
  }
});

describe('decoding a CallId into guid and server', () => {
  test('the documented guid@fqdn shape (Exchange 2007/2010)', () => {
    assert.deepEqual(decodeCallId(DOCUMENTED), {
      guid: '09df9edc-4e23-4709-bdaf-7be20cb0ae56',
      server: 'df-eum-01.exchange.corp.microsoft.com',
    });
  });

  test('the guid|fqdn shape (Exchange 2013) round-trips through encodeCallId', () => {
    const callId = encodeCallId('413b136c-e16f-452e-b7c7-48d117017b9f', 'um01.contoso.com');
    assert.deepEqual(decodeCallId(callId), { guid: '413b136c-e16f-452e-b7c7-48d117017b9f', server: 'um01.contoso.com' });
  });

  test('an opaque CallId decodes to nothing rather than to a guess', () => {
    assert.equal(decodeCallId(Buffer.from('something else entirely').toString('base64')), undefined);
    assert.equal(decodeCallId(Buffer.from('not-a-guid@um01.contoso.com').toString('base64')), undefined);
    assert.equal(decodeCallId(Buffer.from('413b136c-e16f-452e-b7c7-48d117017b9f@bad host').toString('base64')), undefined);
    assert.equal(decodeCallId('</CallId>'), undefined);
  });
});
