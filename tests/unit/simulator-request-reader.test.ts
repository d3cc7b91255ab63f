import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { UmOperation } from '../../lib/um/errors';
import { readUmRequest, type UmRequest } from '../../lib/um/simulator/request-reader';

const sample = (name: string) => readFileSync(new URL(`../fixtures/samples/${name}`, import.meta.url), 'utf8');
const action = (operation: string) => `"http://schemas.microsoft.com/exchange/services/2006/messages/${operation}"`;
const XML = 'text/xml; charset=utf-8';

function read(body: string, operation: string, overrides: { contentType?: string; soapAction?: string | undefined } = {}): UmRequest {
  return readUmRequest({
    contentType: 'contentType' in overrides ? overrides.contentType : XML,
    soapAction: 'soapAction' in overrides ? overrides.soapAction : action(operation),
    body,
  });
}

function envelope(inner: string): string {
  return `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
}

const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';

function problemOf(request: UmRequest): string {
  assert.equal(request.ok, false, 'the request should have been refused');
  return request.ok ? '' : request.problem;
}

describe('reading UM requests', () => {
  const documented: Array<[file: string, operation: UmOperation, fields: Record<string, string>]> = [
    ['disconnect-request.xml', 'Disconnect', { CallId: 'MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=' }],
    ['getcallinfo-request.xml', 'GetCallInfo', { CallId: 'MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=' }],
    ['playonphone-request.xml', 'PlayOnPhone', { entryId: 'AAAAAGsd2rbQLVtLobUGbrq/9IUHAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAACxVpEl+KVVLl957wp//x6UAGAetcDUAAA==', DialString: '12345' }],
    ['playonphonegreeting-request.xml', 'PlayOnPhoneGreeting', { GreetingType: 'NormalCustom', DialString: '12345' }],
    ['isumenabled-request.xml', 'IsUMEnabled', {}],
  ];
  for (const [file, operation, fields] of documented) {
    it(`accepts the documented ${operation} request and reads its fields`, () => {
      const request = read(sample(file), operation);
      assert.ok(request.ok, request.ok ? '' : request.problem);
      assert.equal(request.operation, operation);
      assert.deepEqual(Object.fromEntries(request.fields), fields);
    });
  }

  it('accepts an unquoted SOAPAction', () => {
    assert.ok(read(sample('isumenabled-request.xml'), 'IsUMEnabled', { soapAction: action('IsUMEnabled').slice(1, -1) }).ok);
  });

  it('refuses a missing SOAPAction, naming the one expected', () => {
    assert.match(problemOf(read(sample('isumenabled-request.xml'), 'IsUMEnabled', { soapAction: undefined })), /SOAPAction.*IsUMEnabled/);
  });

  it('refuses a SOAPAction that names another operation than the body', () => {
    const request = read(sample('getcallinfo-request.xml'), 'Disconnect');
    assert.match(problemOf(request), /SOAPAction/);
    assert.equal(request.operation, 'GetCallInfo');
  });

  it('refuses the https:// messages namespace that some copies of the documentation print', () => {
    const body = sample('isumenabled-request.xml').replace(M, M.replace('http://', 'https://'));
    assert.match(problemOf(read(body, 'IsUMEnabled')), /namespace http:\/\/schemas\.microsoft\.com/);
  });

  it('refuses a content type other than text/xml in UTF-8', () => {
    const body = sample('isumenabled-request.xml');
    assert.match(problemOf(read(body, 'IsUMEnabled', { contentType: 'application/soap+xml; charset=utf-8' })), /content type/);
    assert.match(problemOf(read(body, 'IsUMEnabled', { contentType: 'text/xml; charset=iso-8859-1' })), /content type/);
    assert.match(problemOf(read(body, 'IsUMEnabled', { contentType: undefined })), /content type/);
  });

  it('refuses XML that is not well formed, or that carries a DTD', () => {
    assert.match(problemOf(read('<soap:Envelope', 'IsUMEnabled')), /not well-formed/);
    const withDtd = `<!DOCTYPE x [<!ENTITY a "b">]>${envelope(`<IsUMEnabled xmlns="${M}"/>`)}`;
    assert.match(problemOf(read(withDtd, 'IsUMEnabled')), /DTD/);
  });

  it('refuses a document that is not a SOAP 1.1 envelope', () => {
    const soap12 = `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><IsUMEnabled xmlns="${M}"/></e:Body></e:Envelope>`;
    assert.match(problemOf(read(soap12, 'IsUMEnabled')), /SOAP 1\.1 envelope/);
  });

  it('refuses an unknown operation', () => {
    assert.match(problemOf(read(envelope(`<ResetPIN xmlns="${M}"/>`), 'ResetPIN')), /not supported/);
  });

  it('refuses a missing, repeated or unexpected child element', () => {
    assert.match(problemOf(read(envelope(`<GetCallInfo xmlns="${M}"/>`), 'GetCallInfo')), /missing the element <CallId>/);
    assert.match(problemOf(read(envelope(`<GetCallInfo xmlns="${M}"><CallId>QQ==</CallId><CallId>QQ==</CallId></GetCallInfo>`), 'GetCallInfo')), /more than once/);
    assert.match(problemOf(read(envelope(`<GetCallInfo xmlns="${M}"><CallId>QQ==</CallId><x/></GetCallInfo>`), 'GetCallInfo')), /does not allow the element <x>/);
    assert.match(problemOf(read(envelope(`<PlayOnPhone xmlns="${M}"><EntryId>QQ==</EntryId><DialString>1</DialString></PlayOnPhone>`), 'PlayOnPhone')), /<EntryId>/);
  });

  it('refuses a child element outside the messages namespace', () => {
    const body = envelope(`<GetCallInfo xmlns="${M}"><CallId xmlns="">QQ==</CallId></GetCallInfo>`);
    assert.match(problemOf(read(body, 'GetCallInfo')), /does not allow the element <CallId>/);
  });
});
