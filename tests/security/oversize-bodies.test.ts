// Oversized request bodies (5 MB and 50 MB, with and without Content-Length) to server actions and
// API routes are refused — 413 from the API, Next's action body-limit error for actions — without
// being carried out and without the server's memory growing with them.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { newestAuditSeq } from './support/audit-reader';
import { listBuiltActions } from './support/build-routes';
import { readProcessMemory } from './support/process-memory';
import { startSecurityTarget, type SecurityTarget } from './support/security-console';

const MiB = 1024 * 1024;
/** Generous: the proxy holds up to 10 MB of a body per request while it runs (Next's default), and the heap moves. */
const MAX_GROWTH_MIB = 64;

interface Sent {
  readonly status: number;
  readonly body: string;
}

/** A body of about `size` bytes: `prefix`, then `x` repeated, then `suffix`; chunked when asked. */
function bodyOf(prefix: string, size: number, suffix: string, chunked: boolean): BodyInit {
  const filler = Buffer.alloc(MiB, 'x');
  const parts = [Buffer.from(prefix), ...Array.from({ length: Math.ceil(size / MiB) }, () => filler), Buffer.from(suffix)];
  if (!chunked) return Buffer.concat(parts);
  // A stream has no known length: fetch sends it chunked, without Content-Length to trust.
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = parts.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

describe('oversized bodies are refused without the server growing', () => {
  let target: SecurityTarget;
  let operator: string;
  let token: string;
  let auditor: string;
  const actionId = (name: string) => listBuiltActions().find((action) => action.name === name)?.id ?? '';

  before(async () => {
    target = await startSecurityTarget({ env: { POLL_INTERVAL_MS: '3600000', API_RATE_LIMIT_PER_MINUTE: '0' } });
    operator = await target.sessionCookie('operator');
    token = await target.apiToken('operator');
    auditor = await target.sessionCookie('auditor');
  });
  after(() => target?.stop());

  async function send(path: string, headers: Record<string, string>, body: BodyInit): Promise<Sent> {
    const response = await fetch(`${target.url}${path}`, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
    return { status: response.status, body: await response.text() };
  }

  /** Each way in, with a body of `size` bytes, and what it must answer. */
  function attacks(size: number) {
    const actionHeaders = (name: string) => ({ cookie: operator, origin: target.url, accept: 'text/x-component', 'next-action': actionId(name) });
    const api = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const boundary = `----security${randomUUID()}`;
    const multipart = [
      `--${boundary}\r\nContent-Disposition: form-data; name="_1_callId"\r\n\r\nQUFBQQ==\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="_1_reason"\r\n\r\n`,
    ].join('');
    const multipartEnd = `\r\n--${boundary}\r\nContent-Disposition: form-data; name="0"\r\n\r\n[{"status":"idle"},"$K1"]\r\n--${boundary}--\r\n`;
    const batch = (chunked: boolean) => bodyOf('[{"selection":{"callIds":[]},"reason":"', size, '","expectedCount":null}]', chunked);
    return [
      { what: 'action (JSON)', action: true, run: () => send('/calls', { ...actionHeaders('startBatchAction'), 'content-type': 'text/plain;charset=UTF-8' }, batch(false)) },
      { what: 'action (JSON, chunked)', action: true, run: () => send('/calls', { ...actionHeaders('startBatchAction'), 'content-type': 'text/plain;charset=UTF-8' }, batch(true)) },
      {
        what: 'action (multipart form)',
        action: true,
        run: () => send('/calls', { ...actionHeaders('disconnectCallAction'), 'content-type': `multipart/form-data; boundary=${boundary}` }, bodyOf(multipart, size, multipartEnd, false)),
      },
      { what: 'POST /api/v1/calls', status: 413, run: () => send('/api/v1/calls', api, bodyOf('{"callId":"QUFBQQ==","label":"', size, '"}', false)) },
      { what: 'POST /api/v1/calls (chunked)', status: 413, run: () => send('/api/v1/calls', api, bodyOf('{"callId":"QUFBQQ==","label":"', size, '"}', true)) },
      { what: 'POST /api/v1/calls/disconnect', status: 413, run: () => send('/api/v1/calls/disconnect', api, bodyOf('{"callIds":["QUFBQQ=="],"reason":"', size, '"}', false)) },
      { what: 'POST /api/v1/calls/{callId}/disconnect', status: 413, run: () => send('/api/v1/calls/QUFBQQ%3D%3D/disconnect', api, bodyOf('{"reason":"', size, '"}', false)) },
      { what: 'POST /api/v1/calls signed out', status: 401, run: () => send('/api/v1/calls', { 'content-type': 'application/json' }, bodyOf('{"callId":"', size, '"}', false)) },
      { what: 'POST /api/v1/calls as text/plain', status: 415, run: () => send('/api/v1/calls', { ...api, 'content-type': 'text/plain' }, bodyOf('{"callId":"', size, '"}', false)) },
      { what: 'POST to an unknown /api/v1 path', status: 404, run: () => send('/api/v1/no-such-endpoint', api, bodyOf('{"callId":"', size, '"}', true)) },
    ];
  }

  /** Sends every attack once (and then four at once, when asked); returns what went wrong. */
  async function attack(size: number, options: { readonly together: boolean }): Promise<string[]> {
    const problems: string[] = [];
    const all = attacks(size);
    const limitErrors = () => (target.console.output().match(/Body exceeded 2mb limit/g) ?? []).length;
    for (const entry of all) {
      const errorsBefore = limitErrors();
      const sent = await entry.run();
      if (entry.action) {
        // Next answers a fetch action over its body limit with its error response and logs why.
        if (![413, 500].includes(sent.status) || limitErrors() !== errorsBefore + 1) {
          problems.push(`${entry.what} (${size / MiB} MB): HTTP ${sent.status}, ${limitErrors() - errorsBefore} body-limit errors logged`);
        }
      } else if (sent.status !== entry.status) {
        problems.push(`${entry.what} (${size / MiB} MB): HTTP ${sent.status} ${sent.body.slice(0, 120)}`);
      }
    }
    if (!options.together) return problems;
    const some = all.slice(2, 6);
    const together = await Promise.all(some.map((entry) => entry.run()));
    for (const [index, sent] of together.entries()) {
      if (![413, 500].includes(sent.status)) problems.push(`${some[index]?.what} (${size / MiB} MB, sent with others): HTTP ${sent.status}`);
    }
    return problems;
  }

  it('refuses 5 MB and 50 MB bodies to actions and API routes, carrying nothing out, and the server does not grow', async () => {
    const umBefore = target.umRequests();
    const seqBefore = await newestAuditSeq(target.url, auditor);
    // First 5 MB bodies, also several at once: the server's heap settles to its working size.
    assert.deepEqual(await attack(5 * MiB, { together: true }), []);
    const before = readProcessMemory(target.console.pid);
    // Then ten times bigger: a server that read whole bodies would grow by 50 MB and more per request.
    assert.deepEqual(await attack(50 * MiB, { together: false }), []);
    assert.deepEqual(await attack(50 * MiB, { together: false }), []);
    const after = readProcessMemory(target.console.pid);
    assert.ok(after.rssMiB - before.rssMiB < MAX_GROWTH_MIB, `resident memory grew ${(after.rssMiB - before.rssMiB).toFixed(1)} MiB`);
    assert.ok(after.peakMiB - before.peakMiB < MAX_GROWTH_MIB, `peak memory grew ${(after.peakMiB - before.peakMiB).toFixed(1)} MiB`);
    // Several at once are refused too (the proxy may hold 10 MB of each meanwhile: no bound here).
    assert.deepEqual(await attack(50 * MiB, { together: true }), []);
    assert.equal(target.umRequests() - umBefore, 0, 'nothing reached the UM service');
    assert.equal(await newestAuditSeq(target.url, auditor), seqBefore, 'nothing was carried out (no audit entry)');
  });
});
