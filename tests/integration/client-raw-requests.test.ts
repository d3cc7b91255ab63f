import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { readSoapBody } from '../../lib/um/soap-response';
import { parseXmlDocument, type XmlElement } from '../../lib/um/xml-tree';
import { startUmSimulator, type UmSimulator } from '../../lib/um/simulator';

const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const sample = (name: string) => readFileSync(new URL(`../fixtures/samples/${name}`, import.meta.url), 'utf8');
const soapAction = (operation: string) => `"${M}/${operation}"`;

interface RawAnswer {
  status: number;
  contentType: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Posts bytes exactly as given, the way a hand-written or foreign client would. */
async function post(url: string, body: string, headers: Record<string, string>, method: 'POST' | 'GET' = 'POST'): Promise<RawAnswer> {
  const response = await request(url, { method, headers, body: method === 'POST' ? body : undefined });
  const text = await response.body.text();
  const contentType = response.headers['content-type'];
  return { status: response.statusCode, contentType: Array.isArray(contentType) ? contentType[0] : contentType, headers: response.headers, body: text };
}

const xmlHeaders = (operation: string) => ({ 'content-type': 'text/xml; charset=utf-8', soapaction: soapAction(operation) });

/** The XML as names, namespaces, attributes and trimmed text: what a reader of the message sees. */
function shape(element: XmlElement, maskText = false): unknown {
  return {
    name: `{${element.namespace ?? ''}}${element.localName}`,
    attributes: Object.fromEntries(element.attributes),
    text: element.children.length > 0 ? '' : maskText ? '…' : element.text.trim(),
    children: element.children.map((child) => shape(child, maskText)),
  };
}

function assertLikeSample(actual: string, sampleFile: string, maskText = false): void {
  assert.deepEqual(shape(parseXmlDocument(actual), maskText), shape(parseXmlDocument(sample(sampleFile)), maskText));
}

function faultCodeOf(answer: RawAnswer, operation: 'IsUMEnabled' | 'GetCallInfo' = 'IsUMEnabled'): string {
  assert.equal(answer.status, 500);
  assert.match(answer.contentType ?? '', /^text\/xml/);
  const body = readSoapBody(answer.body, operation, answer.status);
  assert.equal(body.kind, 'fault');
  return body.kind === 'fault' ? body.fault.code : '';
}

describe('the simulator as a foreign client sees it', () => {
  let simulator: UmSimulator;
  before(async () => {
    simulator = await startUmSimulator({ ringMs: 0 });
  });
  after(() => simulator.close());

  it('answers the documented requests with messages shaped like the documented responses', async () => {
    const placed = await post(simulator.url, sample('playonphone-request.xml'), xmlHeaders('PlayOnPhone'));
    assert.equal(placed.status, 200);
    assertLikeSample(placed.body, 'playonphone-response.xml', true);
    const callId = parseXmlDocument(placed.body).children[0]?.children[0]?.children[0]?.text ?? '';
    assert.ok(simulator.getCall(callId), 'the CallId in the response is the one the simulator tracks');

    const documentedCallId = /<CallId>([^<]+)<\/CallId>/.exec(sample('getcallinfo-request.xml'))?.[1] ?? '';
    const info = await post(simulator.url, sample('getcallinfo-request.xml').replace(documentedCallId, callId), xmlHeaders('GetCallInfo'));
    assertLikeSample(info.body, 'getcallinfo-response.xml');

    const greeting = await post(simulator.url, sample('playonphonegreeting-request.xml'), xmlHeaders('PlayOnPhoneGreeting'));
    assertLikeSample(greeting.body, 'playonphonegreeting-response.xml', true);

    const disconnected = await post(simulator.url, sample('disconnect-request.xml').replace(documentedCallId, callId), xmlHeaders('Disconnect'));
    assertLikeSample(disconnected.body, 'disconnect-response.xml');

    assertLikeSample((await post(simulator.url, sample('isumenabled-request.xml'), xmlHeaders('IsUMEnabled'))).body, 'isumenabled-response.xml');
    const properties = sample('isumenabled-request.xml').replace('IsUMEnabled', 'GetUMProperties');
    assertLikeSample((await post(simulator.url, properties, xmlHeaders('GetUMProperties'))).body, 'getumproperties-response.xml');
  });

  it('answers an unknown CallId and a bad entryId with faults shaped like the documented ones', async () => {
    const unknown = await post(simulator.url, sample('disconnect-request.xml'), xmlHeaders('Disconnect'));
    assert.equal(unknown.status, 500);
    assertLikeSample(unknown.body, 'disconnect-fault-invalidcallid.xml');
    const badEntry = sample('playonphone-request.xml').replace(/<entryId>[^<]*<\/entryId>/, '<entryId>not base64!</entryId>');
    const refused = await post(simulator.url, badEntry, xmlHeaders('PlayOnPhone'));
    assertLikeSample(refused.body, 'playonphone-fault-invalidobjectid.xml');
  });

  it('refuses the https:// messages namespace with an ErrorInvalidRequest fault', async () => {
    const body = sample('isumenabled-request.xml').replace(M, M.replace('http://', 'https://'));
    assert.equal(faultCodeOf(await post(simulator.url, body, xmlHeaders('IsUMEnabled'))), 'ErrorInvalidRequest');
  });

  it('refuses a request without SOAPAction with an ErrorInvalidRequest fault', async () => {
    const answer = await post(simulator.url, sample('isumenabled-request.xml'), { 'content-type': 'text/xml; charset=utf-8' });
    assert.equal(faultCodeOf(answer), 'ErrorInvalidRequest');
  });

  it('accepts an unquoted SOAPAction', async () => {
    const answer = await post(simulator.url, sample('isumenabled-request.xml'), { 'content-type': 'text/xml; charset=utf-8', soapaction: `${M}/IsUMEnabled` });
    assert.equal(answer.status, 200);
  });

  it('refuses a SOAP 1.2 content type, malformed XML and a DTD with ErrorInvalidRequest faults', async () => {
    const soap12 = { 'content-type': 'application/soap+xml; charset=utf-8', soapaction: soapAction('IsUMEnabled') };
    assert.equal(faultCodeOf(await post(simulator.url, sample('isumenabled-request.xml'), soap12)), 'ErrorInvalidRequest');
    assert.equal(faultCodeOf(await post(simulator.url, '<soap:Envelope', xmlHeaders('IsUMEnabled'))), 'ErrorInvalidRequest');
    const dtd = `<!DOCTYPE x [<!ENTITY boom "boom">]>${sample('isumenabled-request.xml')}`;
    assert.equal(faultCodeOf(await post(simulator.url, dtd, xmlHeaders('IsUMEnabled'))), 'ErrorInvalidRequest');
  });

  it('answers 404 off the endpoints, 405 to anything but POST, and 413 to a body over 64 KiB', async () => {
    assert.equal((await post(`${simulator.origin}/EWS/Exchange.asmx`, sample('isumenabled-request.xml'), xmlHeaders('IsUMEnabled'))).status, 404);
    const get = await post(simulator.url, '', {}, 'GET');
    assert.equal(get.status, 405);
    assert.equal(get.headers.allow, 'POST');
    const huge = sample('isumenabled-request.xml').replace('<soap:Body>', `<soap:Body><!--${'x'.repeat(70 * 1024)}-->`);
    assert.equal((await post(simulator.url, huge, xmlHeaders('IsUMEnabled'))).status, 413);
    assert.equal((await post(simulator.url, sample('isumenabled-request.xml'), xmlHeaders('IsUMEnabled'))).status, 200);
  });

  it('records what it was asked, with the operation, status and CallId', async () => {
    const before = simulator.requestCount();
    const placed = await post(simulator.legacyUrl, sample('playonphone-request.xml'), xmlHeaders('PlayOnPhone'));
    const record = simulator.requests.at(-1);
    assert.equal(simulator.requestCount(), before + 1);
    assert.equal(record?.path, '/UnifiedMessaging/Service.asmx');
    assert.equal(record?.operation, 'PlayOnPhone');
    assert.equal(record?.status, 200);
    assert.ok(record?.callId && placed.body.includes(record.callId));
  });
});

describe('closing the simulator', () => {
  it('ends requests that are hanging or delayed, and resolves', { timeout: 10_000 }, async () => {
    const simulator = await startUmSimulator();
    const outcome = (answer: Promise<RawAnswer>) => answer.then(() => 'answered', () => 'connection closed');
    simulator.injectFailure({ kind: 'timeout', count: 1 });
    const hanging = outcome(post(simulator.url, sample('isumenabled-request.xml'), xmlHeaders('IsUMEnabled')));
    while (simulator.requestCount() < 1) await new Promise((resolve) => setTimeout(resolve, 10));
    simulator.setLatency(60_000);
    const delayed = outcome(post(simulator.url, sample('isumenabled-request.xml'), xmlHeaders('IsUMEnabled')));
    while (simulator.requestCount() < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    await simulator.close();
    assert.deepEqual(await Promise.all([hanging, delayed]), ['connection closed', 'connection closed']);
  });
});
