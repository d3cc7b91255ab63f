import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildFaultEnvelope, buildRequestEnvelope, renderRequestEnvelope } from '../../lib/um/envelope';
import { parseXmlDocument } from '../../lib/um/xml-tree';
import { canonicalXml, readSample } from '../helpers/xml-equivalent';

const SAMPLE_CALL_ID =
  'MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=';
const SAMPLE_ENTRY_ID =
  'AAAAAGsd2rbQLVtLobUGbrq/9IUHAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAACxVpEl+KVVLl957wp//x6UAGAetcDUAAA==';

describe('request envelopes match the documented requests', () => {
  const cases: Array<[string, string, Array<[string, string]>]> = [
    ['disconnect-request.xml', 'Disconnect', [['CallId', SAMPLE_CALL_ID]]],
    ['getcallinfo-request.xml', 'GetCallInfo', [['CallId', SAMPLE_CALL_ID]]],
    ['playonphone-request.xml', 'PlayOnPhone', [['entryId', SAMPLE_ENTRY_ID], ['DialString', '12345']]],
    ['playonphonegreeting-request.xml', 'PlayOnPhoneGreeting', [['GreetingType', 'NormalCustom'], ['DialString', '12345']]],
    ['isumenabled-request.xml', 'IsUMEnabled', []],
  ];
  for (const [sample, operation, fields] of cases) {
    test(`${operation} is XML-equivalent to ${sample}`, () => {
      assert.deepEqual(canonicalXml(buildRequestEnvelope(operation, fields)), canonicalXml(readSample(sample)));
    });
  }

  test('a request uses the http:// messages namespace, never https://', () => {
    const xml = buildRequestEnvelope('Disconnect', [['CallId', 'QUJD']]);
    assert.match(xml, /xmlns="http:\/\/schemas\.microsoft\.com\/exchange\/services\/2006\/messages"/);
    assert.doesNotMatch(xml, /https:/);
  });

  test('a request is UTF-8 XML with a declaration and the SOAP 1.1 envelope namespace', () => {
    const xml = buildRequestEnvelope('IsUMEnabled');
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>'));
    assert.equal(canonicalXml(xml).name, '{http://schemas.xmlsoap.org/soap/envelope/}Envelope');
  });

  test('the casing of entryId, DialString and CallId is kept', () => {
    const xml = buildRequestEnvelope('PlayOnPhone', [['entryId', 'QQ=='], ['DialString', '1']]);
    assert.match(xml, /<entryId>QQ==<\/entryId><DialString>1<\/DialString>/);
  });
});

describe('text is escaped or refused, never injected', () => {
  test('XML metacharacters in a field are escaped as text', () => {
    const xml = buildRequestEnvelope('PlayOnPhone', [['entryId', 'QQ=='], ['DialString', '</DialString><x/>&']]);
    const dial = canonicalXml(xml).children[0]?.children[0]?.children[1];
    assert.equal(dial?.text, '</DialString><x/>&');
    assert.equal(dial?.children.length, 0);
  });

  test('a control character cannot be written into a request', () => {
    assert.throws(() => buildRequestEnvelope('PlayOnPhone', [['DialString', '12\u0000']]), /invalid characters/);
  });
});

describe('fault envelopes', () => {
  test('a built fault is XML-equivalent to the documented InvalidCallIdException fault', () => {
    const built = buildFaultEnvelope('InvalidCallIdException', "The call identifier isn't valid.");
    assert.deepEqual(canonicalXml(built), canonicalXml(readSample('disconnect-fault-invalidcallid.xml')));
  });
});

describe('the templated hot path writes the same requests as xmlbuilder2', () => {
  const values = ['QUJD', SAMPLE_CALL_ID, '+1 (425) 555-0100', 'a<b>c"d\'e', ']]>', 'é€😀', 'x'.repeat(1420)];
  for (const value of values) {
    test(`byte-identical for ${JSON.stringify(value.slice(0, 24))}`, () => {
      const fields = [['entryId', 'QQ=='], ['DialString', value]] as const;
      assert.equal(renderRequestEnvelope('PlayOnPhone', fields), buildRequestEnvelope('PlayOnPhone', fields));
    });
  }

  test('every documented request comes out XML-equivalent through the template too', () => {
    assert.deepEqual(
      canonicalXml(renderRequestEnvelope('GetCallInfo', [['CallId', SAMPLE_CALL_ID]])),
      canonicalXml(readSample('getcallinfo-request.xml')),
    );
    assert.deepEqual(canonicalXml(renderRequestEnvelope('IsUMEnabled')), canonicalXml(readSample('isumenabled-request.xml')));
  });

  test('text that looks like an entity stays text (xmlbuilder2 would pass "&amp;" through unescaped)', () => {
    const xml = renderRequestEnvelope('PlayOnPhone', [['entryId', 'QQ=='], ['DialString', '&amp;&#x3C;']]);
    assert.match(xml, /<DialString>&amp;amp;&amp;#x3C;<\/DialString>/);
    const body = parseXmlDocument(xml).children[0]?.children[0];
    assert.equal(body?.children[1]?.text, '&amp;&#x3C;');
  });

  test('a carriage return survives as a character reference instead of being normalised away', () => {
    const xml = renderRequestEnvelope('PlayOnPhone', [['entryId', 'QQ=='], ['DialString', '1\r2']]);
    assert.match(xml, /1&#xD;2/);
  });

  test('a control character is refused by the template as well', () => {
    assert.throws(() => renderRequestEnvelope('GetCallInfo', [['CallId', 'QUJD\u0001']]), /invalid characters/);
    assert.throws(() => renderRequestEnvelope('GetCallInfo', [['CallId', '\ud800']]), /invalid characters/);
  });
});
