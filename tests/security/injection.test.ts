// Hostile text in CallIds, reasons, labels and dial strings, through the REST API and the server
// actions: refused before anything is sent, or carried inertly (the simulator sees one well-formed
// document with exactly one element holding exactly the value), and rendered as text, not markup.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeSignInError, describeSignInError } from '../../lib/auth/sign-in-errors';
import { postAction } from './support/action-request';
import { SAMPLE_ENTRY_ID } from './support/action-samples';
import { readAuditEvents } from './support/audit-reader';
import { listBuiltActions } from './support/build-routes';
import { fetchCsrfPair, postCredentials, redirectTarget } from './support/next-auth-requests';
import { readActionResult } from './support/refusal';
import { startSecurityTarget, type SecurityTarget } from './support/security-console';
import { checkSentField } from './support/sent-xml';
import { trackNewCall } from './support/tracked-call';

const XML_REASON = `Stuck </CallId><CallId>QUFBQQ==</CallId> ]]> <![CDATA[x]]> --> <!-- &amp; &lt; "double" 'single'`;
const HTML_REASON = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2"> stuck`;
const HTML_LABEL = `<img src=x onerror=alert(1)>`;

const HOSTILE_CALL_IDS: Readonly<Record<string, string>> = {
  'closing and opening tags': 'QUFB</CallId><CallId>QkJC',
  'CDATA end': 'QUFB]]>QkJC',
  'comment end and start': 'QUFB--><!--QkJC',
  'entity and quotes': 'QUFB&amp;"\'QkJC',
  NUL: 'QUFB\u0000QkJC',
  '10 KB': 'Q'.repeat(10 * 1024),
};

describe('injection: hostile text is refused or carried inertly', () => {
  let target: SecurityTarget;
  let operator: string;
  let operatorToken: string;
  let auditor: string;
  const actionId = (name: string) => listBuiltActions().find((action) => action.name === name)?.id ?? '';

  before(async () => {
    target = await startSecurityTarget({ env: { POLL_INTERVAL_MS: '3600000', API_RATE_LIMIT_PER_MINUTE: '0' } });
    operator = await target.sessionCookie('operator');
    operatorToken = await target.apiToken('operator');
    auditor = await target.sessionCookie('auditor');
  });
  after(() => target?.stop());

  function api(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${target.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${operatorToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  function act(name: string, fields: Record<string, string>) {
    return postAction({ baseUrl: target.url, path: '/calls', actionId: actionId(name), args: { shape: 'state-and-form', fields }, encoding: 'multipart', headers: { cookie: operator } });
  }

  it('refuses hostile CallIds through every API call that takes one, sending nothing', async () => {
    const umBefore = target.umRequests();
    const problems: string[] = [];
    for (const [kind, callId] of Object.entries(HOSTILE_CALL_IDS)) {
      const attempts: Array<[string, Promise<Response>]> = [
        ['track', api('POST', '/api/v1/calls', { callId, label: 'x' })],
        ['read', api('GET', `/api/v1/calls/${encodeURIComponent(callId)}`)],
        ['disconnect', api('POST', `/api/v1/calls/${encodeURIComponent(callId)}/disconnect`, { reason: 'Injection test' })],
        ['bulk disconnect', api('POST', '/api/v1/calls/disconnect', { callIds: [callId], reason: 'Injection test' })],
      ];
      for (const [what, pending] of attempts) {
        const response = await pending;
        // 400 for a CallId that cannot be one, 404 where it can only name a call that is not tracked.
        if (![400, 404].includes(response.status)) problems.push(`${what} with ${kind}: HTTP ${response.status}`);
      }
    }
    assert.deepEqual(problems, []);
    assert.equal(target.umRequests() - umBefore, 0, 'nothing reached the UM service');
  });

  it('refuses hostile CallIds through the track and disconnect actions, sending nothing', async () => {
    const umBefore = target.umRequests();
    const problems: string[] = [];
    for (const [kind, callId] of Object.entries(HOSTILE_CALL_IDS)) {
      for (const [name, fields] of [
        ['trackCallAction', { callId, label: 'x' }],
        ['disconnectCallAction', { callId, reason: 'Injection test' }],
      ] as const) {
        const result = readActionResult((await act(name, fields)).body);
        const state = result.kind === 'value' ? (result.value as { status?: string; fieldErrors?: { callId?: unknown } }) : undefined;
        // Refused because of the CallId itself, said under its field.
        if (state?.status !== 'error' || typeof state.fieldErrors?.callId !== 'string') {
          problems.push(`${name} with ${kind}: ${JSON.stringify(result).slice(0, 200)}`);
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.equal(target.umRequests() - umBefore, 0, 'nothing reached the UM service');
  });

  it('refuses reasons with NUL or of 10 KB (API and action), sending nothing', async () => {
    const callId = await trackNewCall(target, operatorToken, 'Reason checks');
    const umBefore = target.umRequests();
    const problems: string[] = [];
    for (const reason of ['Stuck\u0000call', 'x'.repeat(10 * 1024)]) {
      const response = await api('POST', `/api/v1/calls/${encodeURIComponent(callId)}/disconnect`, { reason });
      if (response.status !== 400) problems.push(`API reason of ${reason.length} characters: HTTP ${response.status}`);
      const result = readActionResult((await act('disconnectCallAction', { callId, reason })).body);
      const state = result.kind === 'value' ? (result.value as { code?: string; fieldErrors?: { reason?: unknown } }) : undefined;
      if (state?.code !== 'invalid-input' || typeof state.fieldErrors?.reason !== 'string') problems.push(`action reason of ${reason.length} characters: ${JSON.stringify(result).slice(0, 200)}`);
    }
    assert.deepEqual(problems, []);
    assert.equal(target.umRequests() - umBefore, 0, 'nothing reached the UM service');
  });

  it('refuses control characters in the audit filter (API and page), and takes a sign-in with a NUL in its email as a wrong password, on record', async () => {
    const problems: string[] = [];
    for (const [name, value] of [['actor', 'ope\u0000rator'], ['q', 'stuck\u0000'], ['callId', 'QUFB\u0000QkJC']] as const) {
      const params = new URLSearchParams({ tab: 'events', [name]: value });
      const api = await fetch(`${target.url}/api/v1/audit?${params.toString()}`, { headers: { cookie: auditor } });
      if (api.status !== 400) problems.push(`API audit filter ${name}: HTTP ${api.status}`);
      const page = await fetch(`${target.url}/audit?${params.toString()}`, { headers: { cookie: auditor } });
      const html = await page.text();
      if (page.status !== 200 || !html.includes('The filter could not be used')) problems.push(`audit page filter ${name}: HTTP ${page.status}`);
    }
    assert.deepEqual(problems, []);

    const csrf = await fetchCsrfPair(target.url);
    const signIn = await postCredentials(target.url, csrf, { email: 'ope\u0000rator@e2e.example', password: 'anything', callbackUrl: '/calls', json: true });
    assert.equal(signIn.status, 401, 'refused as a wrong email or password');
    const error = new URL((await redirectTarget(signIn)) ?? '/', target.url).searchParams.get('error');
    assert.equal(describeSignInError(decodeSignInError(error ?? '')), 'Wrong email or password.');
    const [recorded] = await readAuditEvents(target.url, auditor, { action: 'auth.sign_in', outcome: 'failure' });
    assert.equal(recorded?.actorEmail, 'ope\ufffdrator@e2e.example', 'the claim is on record, its control character shown as U+FFFD');
  });

  it('carries a reason full of XML metacharacters inertly: one well-formed CallId element per request (API and action)', async () => {
    for (const via of ['api', 'action'] as const) {
      const callId = await trackNewCall(target, operatorToken, `XML reason via ${via}`);
      const from = target.simulator.requests.length;
      if (via === 'api') {
        const response = await api('POST', `/api/v1/calls/${encodeURIComponent(callId)}/disconnect`, { reason: XML_REASON });
        assert.equal(response.status, 200, await response.clone().text());
      } else {
        const result = readActionResult((await act('disconnectCallAction', { callId, reason: XML_REASON })).body);
        assert.equal(result.kind === 'value' && (result.value as { status?: string }).status, 'done', JSON.stringify(result));
      }
      const sent = target.simulator.requests.slice(from).filter((record) => record.operation === 'Disconnect' || record.operation === 'GetCallInfo');
      assert.equal(sent.filter((record) => record.operation === 'Disconnect').length, 1, 'one Disconnect was sent');
      assert.deepEqual(checkSentField(sent, 'CallId', callId), []);
      const [requested] = await readAuditEvents(target.url, auditor, { callId, action: 'disconnect.requested' });
      assert.equal(requested?.reason, XML_REASON, 'the reason is on record exactly as typed');
    }
  });

  it('carries a dial string with XML metacharacters inertly into PlayOnPhone', async () => {
    const dialString = '+1 425 555 0177 </DialString><DialString>0000]]>--><!--&amp;';
    const from = target.simulator.requests.length;
    const result = readActionResult((await act('placeTestCallAction', { entryId: SAMPLE_ENTRY_ID, dialString, label: 'Dial string test' })).body);
    assert.equal(result.kind === 'value' && (result.value as { status?: string }).status, 'placed', JSON.stringify(result));
    const sent = target.simulator.requests.slice(from).filter((record) => record.operation === 'PlayOnPhone');
    assert.equal(sent.length, 1, 'one PlayOnPhone was sent');
    assert.deepEqual(checkSentField(sent, 'DialString', dialString), []);
    assert.deepEqual(checkSentField(sent, 'entryId', SAMPLE_ENTRY_ID), []);
  });

  it('renders a reason and a label with HTML and script as text on the audit, audit entry and call pages', async () => {
    const callId = await trackNewCall(target, operatorToken, HTML_LABEL);
    const response = await api('POST', `/api/v1/calls/${encodeURIComponent(callId)}/disconnect`, { reason: HTML_REASON });
    assert.equal(response.status, 200);
    const { auditId } = (await response.json()) as { auditId: number };
    const pages = [
      { path: `/audit?tab=events&callId=${encodeURIComponent(callId)}`, cookie: auditor, shows: [HTML_REASON] },
      { path: `/audit/${auditId}`, cookie: auditor, shows: [HTML_REASON] },
      { path: `/calls/${encodeURIComponent(callId)}`, cookie: operator, shows: [HTML_REASON, HTML_LABEL] },
    ];
    for (const page of pages) {
      const html = await (await fetch(`${target.url}${page.path}`, { headers: { cookie: page.cookie } })).text();
      for (const text of page.shows) {
        const escaped = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
        assert.ok(html.includes(escaped), `${page.path} shows ${text} as text`);
      }
      assert.ok(!html.includes('<script>window.__xss'), `${page.path} holds no injected script element`);
      assert.ok(!/<img src=x onerror/i.test(html), `${page.path} holds no injected img element`);
    }
  });
});
