import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { UmBadResponse, UmFault, UmHttpError, type UmOperation } from '../../lib/um/errors';
import { interpretResponse } from '../../lib/um/interpret-response';
import {
  readDisconnect,
  readGetCallInfo,
  readGetUmProperties,
  readIsUmEnabled,
  readNewCallId,
} from '../../lib/um/operations';
import type { XmlElement } from '../../lib/um/xml-tree';
import { readSample } from '../helpers/xml-equivalent';

type Reader<T> = (element: XmlElement, status: number) => T;

function answer<T>(operation: UmOperation, reader: Reader<T>, body: string, status = 200, contentType = 'text/xml; charset=utf-8'): T {
  return interpretResponse(operation, { status, contentType, wwwAuthenticate: undefined, body }, reader);
}

function rejection(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  assert.fail('expected an error, got a result');
}

const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const envelope = (inner: string, prefix = 'soap', ns = 'http://schemas.xmlsoap.org/soap/envelope/') =>
  `<${prefix}:Envelope xmlns:${prefix}="${ns}"><${prefix}:Body>${inner}</${prefix}:Body></${prefix}:Envelope>`;
const callInfo = (state: string, cause: string, ns = M) =>
  envelope(`<GetCallInfoResponse xmlns="${ns}"><GetCallInfoResponse><CallState>${state}</CallState><EventCause>${cause}</EventCause></GetCallInfoResponse></GetCallInfoResponse>`);

describe('every documented response parses', () => {
  test('GetCallInfo → Connected / None', () => {
    const info = answer('GetCallInfo', readGetCallInfo, readSample('getcallinfo-response.xml'));
    assert.deepEqual(info, { state: 'Connected', rawState: 'Connected', cause: 'None', rawCause: 'None' });
  });

  test('Disconnect → an empty DisconnectResponse is success', () => {
    assert.equal(answer('Disconnect', readDisconnect, readSample('disconnect-response.xml')), undefined);
  });

  test('PlayOnPhone → the documented CallId', () => {
    const callId = answer('PlayOnPhone', readNewCallId('PlayOnPhone'), readSample('playonphone-response.xml'));
    assert.equal(callId, 'NDEzYjEzNmMtZTE2Zi00NTJlLWI3YzctNDhkMTE3MDE3YjlmQGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=');
  });

  test('PlayOnPhoneGreeting → the documented CallId', () => {
    const callId = answer('PlayOnPhoneGreeting', readNewCallId('PlayOnPhoneGreeting'), readSample('playonphonegreeting-response.xml'));
    assert.match(callId, /^MjA4MTQ5MmIt/);
  });

  test('IsUMEnabled → true', () => {
    assert.equal(answer('IsUMEnabled', readIsUmEnabled, readSample('isumenabled-response.xml')), true);
  });

  test('GetUMProperties → every documented field', () => {
    assert.deepEqual(answer('GetUMProperties', readGetUmProperties, readSample('getumproperties-response.xml')), {
      oofStatus: false,
      missedCallNotificationEnabled: true,
      playOnPhoneDialString: '12345',
      telephoneAccessNumbers: '54321',
      telephoneAccessFolderEmail: 'AAAAAGsd2rbQLVtLobUGbrq/9IUBAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAAA==',
    });
  });

  test('the documented InvalidCallIdException fault becomes a UmFault with code, text and status', () => {
    const error = rejection(() => answer('Disconnect', readDisconnect, readSample('disconnect-fault-invalidcallid.xml'), 500));
    assert.ok(error instanceof UmFault);
    assert.equal(error.code, 'InvalidCallIdException');
    assert.equal(error.faultCode, 'InvalidCallIdException');
    assert.equal(error.faultString, "The call identifier isn't valid.");
    assert.equal(error.httpStatus, 500);
    assert.equal(error.operation, 'Disconnect');
  });

  test('the documented InvalidObjectIdException fault becomes a UmFault', () => {
    const error = rejection(() => answer('PlayOnPhone', readNewCallId('PlayOnPhone'), readSample('playonphone-fault-invalidobjectid.xml'), 500));
    assert.ok(error instanceof UmFault);
    assert.equal(error.code, 'InvalidObjectIdException');
  });
});

describe('documented variants are accepted', () => {
  const sample = readSample('getcallinfo-response.xml');
  const variants: Record<string, string> = {
    'another envelope prefix': callInfo('Connected', 'None').replaceAll('soap:', 'S:').replace('xmlns:soap', 'xmlns:S'),
    'an XML declaration': `<?xml version="1.0" encoding="utf-8"?>\n${sample}`,
    'a UTF-8 byte-order mark': `\uFEFF<?xml version="1.0" encoding="utf-8"?>${sample}`,
    'CRLF line ends': sample.replace(/\n/g, '\r\n'),
    'the https:// messages namespace': callInfo('Connected', 'None', M.replace('http:', 'https:')),
    'a prefixed messages namespace': envelope(
      `<m:GetCallInfoResponse xmlns:m="${M}"><m:GetCallInfoResponse><m:CallState>Connected</m:CallState><m:EventCause>None</m:EventCause></m:GetCallInfoResponse></m:GetCallInfoResponse>`,
    ),
    'an unwrapped response': envelope(`<GetCallInfoResponse xmlns="${M}"><CallState>Connected</CallState><EventCause>None</EventCause></GetCallInfoResponse>`),
    'whitespace around values': callInfo('\n  Connected  \n', ' None '),
    'a CDATA value': callInfo('<![CDATA[Connected]]>', 'None'),
  };
  for (const [name, body] of Object.entries(variants)) {
    test(`GetCallInfo with ${name}`, () => {
      assert.equal(answer('GetCallInfo', readGetCallInfo, body).state, 'Connected');
    });
  }

  test('a fault whose prefix is never declared is still read', () => {
    const body = envelope(
      '<s:Fault><faultcode>a:InvalidCallIdException</faultcode><faultstring>bad</faultstring><detail><ExceptionType>InvalidCallIdException</ExceptionType></detail></s:Fault>',
      's',
    );
    const error = rejection(() => answer('GetCallInfo', readGetCallInfo, body, 500));
    assert.ok(error instanceof UmFault);
    assert.equal(error.code, 'InvalidCallIdException');
  });

  test('a fault with a generic faultcode takes its code from the detail', () => {
    const body = envelope(
      `<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Dial string blocked</faultstring><detail><m:ExceptionType xmlns:m="${M}">DialingRulesException</m:ExceptionType></detail></soap:Fault>`,
    );
    const error = rejection(() => answer('PlayOnPhone', readNewCallId('PlayOnPhone'), body, 500));
    assert.ok(error instanceof UmFault);
    assert.equal(error.code, 'DialingRulesException');
    assert.equal(error.faultCode, 'Client');
  });

  test('an undocumented CallState is kept as Unknown with its raw value', () => {
    const info = answer('GetCallInfo', readGetCallInfo, callInfo('Parked', 'Rejected'));
    assert.deepEqual(info, { state: 'Unknown', rawState: 'Parked', cause: 'Unknown', rawCause: 'Rejected' });
  });

  test('IsUMEnabled accepts the xsd:boolean forms 1 and 0', () => {
    const body = (v: string) => envelope(`<IsUMEnabledResponse xmlns="${M}"><IsUMEnabledResponse>${v}</IsUMEnabledResponse></IsUMEnabledResponse>`);
    assert.equal(answer('IsUMEnabled', readIsUmEnabled, body('1')), true);
    assert.equal(answer('IsUMEnabled', readIsUmEnabled, body('0')), false);
  });
});

describe('nothing but a well-formed success of the expected shape is a success', () => {
  const cases: Record<string, [body: string, reason: string]> = {
    'truncated XML': [readSample('getcallinfo-response.xml').slice(0, 200), 'malformed'],
    'an empty body': ['', 'malformed'],
    'HTML': ['<html><body>Service Unavailable</body></html>', 'unexpected-shape'],
    'a SOAP 1.2 envelope': [callInfo('Connected', 'None').replaceAll('http://schemas.xmlsoap.org/soap/envelope/', 'http://www.w3.org/2003/05/soap-envelope'), 'unexpected-shape'],
    'another operation\'s response': [readSample('isumenabled-response.xml'), 'unexpected-shape'],
    'a foreign namespace': [callInfo('Connected', 'None', 'urn:evil'), 'unexpected-shape'],
    'a missing CallState': [envelope(`<GetCallInfoResponse xmlns="${M}"><GetCallInfoResponse><EventCause>None</EventCause></GetCallInfoResponse></GetCallInfoResponse>`), 'unexpected-shape'],
    'an empty CallState': [callInfo('', 'None'), 'unexpected-shape'],
    'two elements in the Body': [envelope(`<GetCallInfoResponse xmlns="${M}"/><GetCallInfoResponse xmlns="${M}"/>`), 'unexpected-shape'],
    'a DTD': [`<!DOCTYPE x [<!ENTITY a "Connected">]>${callInfo('&a;', 'None')}`, 'forbidden-markup'],
    'nested entity expansion (billion laughs)': [`<!DOCTYPE l [<!ENTITY l0 "ha"><!ENTITY l1 "&l0;&l0;&l0;&l0;">]>${callInfo('&l1;', 'None')}`, 'forbidden-markup'],
  };
  for (const [name, [body, reason]] of Object.entries(cases)) {
    test(`${name} is a bad response (${reason})`, () => {
      const error = rejection(() => answer('GetCallInfo', readGetCallInfo, body));
      assert.ok(error instanceof UmBadResponse, `got ${error.name}: ${error.message}`);
      assert.equal(error.reason, reason);
    });
  }

  test('a DisconnectResponse with content is not a success', () => {
    const body = envelope(`<DisconnectResponse xmlns="${M}"><Oops/></DisconnectResponse>`);
    assert.ok(rejection(() => answer('Disconnect', readDisconnect, body)) instanceof UmBadResponse);
  });

  test('a PlayOnPhone CallId that is not base64 is a bad response', () => {
    const body = envelope(`<PlayOnPhoneResponse xmlns="${M}"><PlayOnPhoneResponse>not a call id!</PlayOnPhoneResponse></PlayOnPhoneResponse>`);
    const error = rejection(() => answer('PlayOnPhone', readNewCallId('PlayOnPhone'), body));
    assert.ok(error instanceof UmBadResponse);
    assert.match(error.message, /a call may have been placed/);
  });

  test('a success sent as text/html is a bad response (content-type)', () => {
    const error = rejection(() => answer('GetCallInfo', readGetCallInfo, readSample('getcallinfo-response.xml'), 200, 'text/html'));
    assert.ok(error instanceof UmBadResponse);
    assert.equal(error.reason, 'content-type');
  });

  test('a success declared in another charset is a bad response', () => {
    const error = rejection(() => answer('GetCallInfo', readGetCallInfo, readSample('getcallinfo-response.xml'), 200, 'text/xml; charset=utf-16'));
    assert.ok(error instanceof UmBadResponse);
  });

  test('a fault inside HTTP 200 is still a fault, never a success', () => {
    assert.ok(rejection(() => answer('Disconnect', readDisconnect, readSample('disconnect-fault-invalidcallid.xml'), 200)) instanceof UmFault);
  });

  test('a fault without faultcode is a bad response', () => {
    const body = envelope('<soap:Fault><faultstring>?</faultstring></soap:Fault>');
    assert.ok(rejection(() => answer('Disconnect', readDisconnect, body)) instanceof UmBadResponse);
  });
});

describe('HTTP statuses without a SOAP fault', () => {
  test('401 says authentication failed', () => {
    const error = rejection(() => answer('GetCallInfo', readGetCallInfo, 'Unauthorized', 401, 'text/html'));
    assert.ok(error instanceof UmHttpError);
    assert.equal(error.status, 401);
    assert.match(error.message, /Authentication failed/);
  });

  test('503 is an HTTP error, not a fault', () => {
    const error = rejection(() => answer('GetCallInfo', readGetCallInfo, '<html>busy</html>', 503, 'text/html'));
    assert.ok(error instanceof UmHttpError);
    assert.equal(error.status, 503);
  });

  test('500 with an HTML page is an HTTP error', () => {
    const error = rejection(() => answer('Disconnect', readDisconnect, '<html>Server Error</html>', 500, 'text/html'));
    assert.ok(error instanceof UmHttpError);
    assert.equal(error.status, 500);
  });

  test('500 with XML that is not a fault is an HTTP error, never a success', () => {
    const error = rejection(() => answer('Disconnect', readDisconnect, readSample('disconnect-response.xml'), 500));
    assert.ok(error instanceof UmHttpError);
  });

  test('a redirect is not followed and says where to point the URL', () => {
    const error = rejection(() => answer('IsUMEnabled', readIsUmEnabled, '', 302, 'text/html'));
    assert.ok(error instanceof UmHttpError);
    assert.match(error.message, /UM_SERVICE_URL/);
  });
});

test('a malformed response is described without the parser\'s own words', () => {
  const error = rejection(() => answer('GetCallInfo', readGetCallInfo, '<soap:Envelope xmlns:soap="x"><a></b></soap:Envelope>'));
  assert.ok(error instanceof UmBadResponse);
  assert.equal(error.message, 'The UM service sent a response to GetCallInfo that cannot be used: not well-formed XML (line 1).');
});

describe('character and entity references (found by tests/integration/um-fuzz.test.ts)', () => {
  test('character references are resolved, decimal and hexadecimal, in text and in attributes', () => {
    assert.equal(answer('GetCallInfo', readGetCallInfo, callInfo('&#67;onnected', '&#x4E;one')).state, 'Connected');
    const body = envelope(`<GetCallInfoResponse xmlns="&#104;ttp://schemas.microsoft.com/exchange/services/2006/messages"><CallState>Connected</CallState><EventCause>None</EventCause></GetCallInfoResponse>`);
    assert.equal(answer('GetCallInfo', readGetCallInfo, body).state, 'Connected', 'the namespace is compared after resolving');
  });

  test('the five predefined entities are resolved; CDATA is taken literally', () => {
    const body = (text: string) =>
      envelope(`<soap:Fault><faultcode>soap:Server</faultcode><faultstring>${text}</faultstring></soap:Fault>`);
    const fault = rejection(() => answer('Disconnect', readDisconnect, body('a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;'), 500));
    assert.ok(fault instanceof UmFault);
    assert.equal(fault.faultString, `a <b> & "c" 'd'`);
    const literal = rejection(() => answer('Disconnect', readDisconnect, body('<![CDATA[&amp; &#65;]]>'), 500));
    assert.equal((literal as UmFault).faultString, '&amp; &#65;');
  });

  const refused: Record<string, string> = {
    'an undeclared entity': callInfo('&state;', 'None'),
    'an HTML entity XML does not define': callInfo('Connected&nbsp;', 'None'),
    'a reference to NUL': callInfo('&#0;Connected', 'None'),
    'a reference to a surrogate': callInfo('&#xD800;', 'None'),
    'a reference beyond Unicode': callInfo('&#x110000;', 'None'),
    'a reference without its semicolon': callInfo('&#67onnected', 'None'),
    'a bare "&" in an attribute': envelope(`<GetCallInfoResponse xmlns="${M}" note="a & b"><CallState>Connected</CallState><EventCause>None</EventCause></GetCallInfoResponse>`),
  };
  for (const [name, body] of Object.entries(refused)) {
    test(`${name} makes the response malformed, never a success holding the reference`, () => {
      const error = rejection(() => answer('GetCallInfo', readGetCallInfo, body));
      assert.ok(error instanceof UmBadResponse, `got ${error.name}: ${error.message}`);
      assert.equal(error.reason, 'malformed');
      assert.match(error.message, /not well-formed XML/);
    });
  }
});
