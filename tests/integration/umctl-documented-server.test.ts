// umctl against a server that knows nothing but the documented sample messages: proves the CLI
// follows the protocol as published, not merely as our simulator understands it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { once } from 'node:events';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { create } from 'xmlbuilder2';
import { REPO_ROOT, parseSingleJson, runCli } from './umctl-harness';

const SAMPLES = path.join(REPO_ROOT, 'tests', 'fixtures', 'samples');
const sample = (name: string) => readFileSync(path.join(SAMPLES, name), 'utf8');
const ACTION_PREFIX = 'http://schemas.microsoft.com/exchange/services/2006/messages/';

const DOCUMENTED_CALL_ID =
  'MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=';
const DOCUMENTED_ENTRY_ID =
  'AAAAAGsd2rbQLVtLobUGbrq/9IUHAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAACxVpEl+KVVLl957wp//x6UAGAetcDUAAA==';
const DOCUMENTED_NEW_CALL_ID =
  'NDEzYjEzNmMtZTE2Zi00NTJlLWI3YzctNDhkMTE3MDE3YjlmQGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=';
const UNKNOWN_CALL_ID = 'dW5rbm93bi1jYWxs';

interface Captured {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Answers each action with its documented response; unknown ids get the documented faults. */
function answer(action: string, body: string): { status: number; file: string } {
  const ok = (file: string) => ({ status: 200, file });
  switch (action) {
    case 'GetCallInfo':
      return body.includes(DOCUMENTED_CALL_ID) ? ok('getcallinfo-response.xml') : { status: 500, file: 'disconnect-fault-invalidcallid.xml' };
    case 'Disconnect':
      return body.includes(DOCUMENTED_CALL_ID) ? ok('disconnect-response.xml') : { status: 500, file: 'disconnect-fault-invalidcallid.xml' };
    case 'PlayOnPhone':
      return body.includes(DOCUMENTED_ENTRY_ID) ? ok('playonphone-response.xml') : { status: 500, file: 'playonphone-fault-invalidobjectid.xml' };
    case 'PlayOnPhoneGreeting':
      return ok('playonphonegreeting-response.xml');
    case 'IsUMEnabled':
      return ok('isumenabled-response.xml');
    case 'GetUMProperties':
      return ok('getumproperties-response.xml');
    default:
      return { status: 404, file: '' };
  }
}

let server: Server;
let url = '';
const captured: Captured[] = [];

before(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      captured.push({ method: request.method, url: request.url, headers: request.headers, body });
      const action = String(request.headers.soapaction ?? '').replace(/^"|"$/g, '').replace(ACTION_PREFIX, '');
      const { status, file } = answer(action, body);
      if (!file) {
        response.writeHead(status).end();
        return;
      }
      response.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' }).end(sample(file));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  url = `http://127.0.0.1:${address.port}/EWS/UM2007Legacy.asmx`;
});

after(async () => {
  server.close();
  server.closeAllConnections();
});

/**
 * Runs umctl and returns the request the server captured for it, matched by SOAPAction and a
 * marker in the body (tests run concurrently).
 */
async function runAndCapture(action: string, marker: string, args: readonly string[]) {
  const run = await runCli([...args, '--url', url]);
  const request = captured.find(
    (entry) => entry.headers.soapaction === `"${ACTION_PREFIX}${action}"` && entry.body.includes(marker),
  );
  return { run, request };
}

interface Tree {
  readonly name: string;
  readonly attributes: readonly string[];
  readonly text: string;
  readonly children: readonly Tree[];
}

/** A namespace-resolved view of a document through xmlbuilder2's DOM, independent of lib/um's parser. */
function toTree(xml: string): Tree {
  const walk = (element: Element): Tree => {
    const attributes = [...element.attributes]
      .filter((attribute) => attribute.namespaceURI !== 'http://www.w3.org/2000/xmlns/')
      .map((attribute) => `{${attribute.namespaceURI ?? ''}}${attribute.localName}=${attribute.value}`)
      .sort();
    let text = '';
    const children: Tree[] = [];
    for (const node of [...element.childNodes]) {
      if (node.nodeType === 1) children.push(walk(node as Element));
      else if (node.nodeType === 3 || node.nodeType === 4) text += node.nodeValue ?? '';
    }
    return { name: `{${element.namespaceURI ?? ''}}${element.localName}`, attributes, text: text.trim(), children };
  };
  return walk(create(xml).root().node as unknown as Element);
}

function assertDocumentedRequest(request: Captured | undefined, action: string, sampleFile: string): void {
  assert.ok(request, `the server saw no ${action} request`);
  assert.equal(request.method, 'POST');
  assert.equal(request.url, '/EWS/UM2007Legacy.asmx');
  assert.equal(request.headers.soapaction, `"http://schemas.microsoft.com/exchange/services/2006/messages/${action}"`);
  assert.equal(request.headers['content-type'], 'text/xml; charset=utf-8');
  assert.deepEqual(toTree(request.body), toTree(sample(sampleFile)));
}

describe('umctl against a server that answers with the documented samples', { concurrency: 3 }, () => {
  test('call-info prints the documented Connected / None and sends the documented GetCallInfo request', async () => {
    const { run, request } = await runAndCapture('GetCallInfo', DOCUMENTED_CALL_ID, ['call-info', DOCUMENTED_CALL_ID]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Connected \(event cause: None\)$/m);
    assert.match(run.stdout, /df-eum-01\.exchange\.corp\.microsoft\.com/);
    assertDocumentedRequest(request, 'GetCallInfo', 'getcallinfo-request.xml');
  });

  test('play-on-phone prints the documented CallId and sends the documented PlayOnPhone request', async () => {
    const { run, request } = await runAndCapture('PlayOnPhone', DOCUMENTED_ENTRY_ID, [
      'play-on-phone',
      '--entry-id',
      DOCUMENTED_ENTRY_ID,
      '--dial-string',
      '12345',
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const output = parseSingleJson(run.stdout);
    assert.equal(output.callId, DOCUMENTED_NEW_CALL_ID);
    assert.equal(output.server, 'df-eum-01.exchange.corp.microsoft.com');
    assertDocumentedRequest(request, 'PlayOnPhone', 'playonphone-request.xml');
  });

  test('play-on-phone-greeting sends the documented request and prints the documented CallId', async () => {
    const { run, request } = await runAndCapture('PlayOnPhoneGreeting', 'NormalCustom', [
      'play-on-phone-greeting',
      '--greeting-type',
      'NormalCustom',
      '--dial-string',
      '12345',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /MjA4MTQ5MmItMTBmZC00ZGFmLThiMzEtNDllNDJjM2Y3MjIxQGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=/);
    assertDocumentedRequest(request, 'PlayOnPhoneGreeting', 'playonphonegreeting-request.xml');
  });

  test('is-um-enabled prints the documented true and sends the documented IsUMEnabled request', async () => {
    const { run, request } = await runAndCapture('IsUMEnabled', 'IsUMEnabled', ['is-um-enabled', '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(parseSingleJson(run.stdout).enabled, true);
    assertDocumentedRequest(request, 'IsUMEnabled', 'isumenabled-request.xml');
  });

  test('disconnect succeeds on the documented empty DisconnectResponse and sends the documented request', async () => {
    const { run, request } = await runAndCapture('Disconnect', DOCUMENTED_CALL_ID, ['disconnect', DOCUMENTED_CALL_ID]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /accepted the hang-up/);
    assert.match(run.stdout, /asynchronous/);
    assertDocumentedRequest(request, 'Disconnect', 'disconnect-request.xml');
  });

  test('um-properties prints the documented properties', async () => {
    const { run } = await runAndCapture('GetUMProperties', 'GetUMProperties', ['um-properties', '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(parseSingleJson(run.stdout).properties, {
      oofStatus: false,
      missedCallNotificationEnabled: true,
      playOnPhoneDialString: '12345',
      telephoneAccessNumbers: '54321',
      telephoneAccessFolderEmail: 'AAAAAGsd2rbQLVtLobUGbrq/9IUBAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAAA==',
    });
  });

  test('the documented InvalidCallIdException fault (HTTP 500) exits 3 and names the exception', async () => {
    const { run } = await runAndCapture('Disconnect', UNKNOWN_CALL_ID, ['disconnect', UNKNOWN_CALL_ID]);
    assert.equal(run.code, 3);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^umctl: .*InvalidCallIdException.*\n$/);
  });

  test('the documented InvalidObjectIdException fault exits 3, reported as one JSON object with --json', async () => {
    const { run } = await runAndCapture('PlayOnPhone', 'QUJD', ['play-on-phone', '--entry-id', 'QUJD', '--dial-string', '12345', '--json']);
    assert.equal(run.code, 3);
    const output = parseSingleJson(run.stdout);
    assert.equal(output.ok, false);
    assert.equal(output.exitCode, 3);
    assert.deepEqual(
      { kind: (output.error as Record<string, unknown>).kind, code: (output.error as Record<string, unknown>).code },
      { kind: 'fault', code: 'InvalidObjectIdException' },
    );
  });
});
