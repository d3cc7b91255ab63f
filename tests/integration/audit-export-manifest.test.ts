// Signed export manifests end to end on a real database: the export and its manifest from the API
// handlers, written to files, checked by `admin verify-export` as a subprocess, then tampered with.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { handleDisconnectCall } from '../../lib/api/handlers/disconnect-call';
import { handleExportAudit } from '../../lib/api/handlers/export-audit';
import { handleExportAuditManifest } from '../../lib/api/handlers/export-audit-manifest';
import { handleTrackCall } from '../../lib/api/handlers/track-call';
import { appendAuditEvent, listAuditEvents } from '../../lib/audit';
import { getAuditSigningKey, signingKeyFromSeed } from '../../lib/audit/chain/signing-key';
import { exportManifestSchema, readAuditHeadSeq, signManifest, type ExportManifest } from '../../lib/audit/export';
import { userActor } from '../../lib/auth/user-actor';
import { getConfig } from '../../lib/config';
import { apiRequest, callPath, errorOf, startApiHarness, type ApiHarness } from './api-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';
import { runAdminCommand, type CommandRun } from '../helpers/admin-command';

describeEachDatabase('signed export manifests', (databaseKind) => {
  let h: ApiHarness;
  let dir: string;
  let trustedPem: string;

  interface Download {
    readonly bytes: Buffer;
    readonly filename: string;
  }

  before(async () => {
    h = await startApiHarness(databaseKind);
    dir = mkdtempSync(path.join(tmpdir(), 'um-console-export-'));
    trustedPem = path.join(dir, 'console-public.pem');
    writeFileSync(trustedPem, getAuditSigningKey().publicKeyPem);
    const auditor = userActor(h.users.auditor, 'session', '127.0.0.1', 'seed');
    for (let i = 0; i < 30; i += 1) {
      await appendAuditEvent(h.database.db, { action: 'call.track', actor: auditor, outcome: 'success', reason: i % 2 ? 'odd, "quoted"' : '=1+1', details: { i } });
    }
    for (const reason of ['first export check', 'second export check']) {
      const callId = await h.place('+15550400');
      assert.equal((await handleTrackCall(apiRequest('POST', '/calls', { token: h.tokens.operator, json: { callId } }), h.ctx)).status, 201);
      const done = await handleDisconnectCall(apiRequest('POST', `${callPath(callId)}/disconnect`, { token: h.tokens.operator, json: { reason } }), h.ctx);
      assert.equal(done.status, 200);
    }
  });
  after(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function download(kind: 'file' | 'manifest', query: string, token = h.tokens.auditor): Promise<Download> {
    const handler = kind === 'file' ? handleExportAudit : handleExportAuditManifest;
    const response = await handler(apiRequest('GET', `/audit/export${kind === 'file' ? '' : '/manifest'}?${query}`, { token }), h.ctx);
    assert.equal(response.status, 200, await response.clone().text());
    const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? '';
    return { bytes: Buffer.from(await response.arrayBuffer()), filename };
  }

  /**
   * The export and its manifest, pinned to the head as the audit page pins its links (the export's
   * own audit entry moves the head on), written side by side as a browser would save them.
   */
  async function exportPair(query: string): Promise<{ file: string; manifest: string; parsed: ExportManifest }> {
    const pinned = `${query}&through=${await readAuditHeadSeq(h.database.db)}`;
    const file = await download('file', pinned);
    const manifest = await download('manifest', pinned);
    assert.equal(manifest.filename, `${file.filename}.manifest.json`);
    const sub = mkdtempSync(path.join(dir, 'pair-'));
    writeFileSync(path.join(sub, file.filename), file.bytes);
    writeFileSync(path.join(sub, manifest.filename), manifest.bytes);
    const parsed = exportManifestSchema.parse(JSON.parse(manifest.bytes.toString('utf8')));
    return { file: path.join(sub, file.filename), manifest: path.join(sub, manifest.filename), parsed };
  }

  function verifyExport(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CommandRun> {
    return runAdminCommand(['verify-export', ...args], { env });
  }

  /** No data folder, no key in the environment: only the trusted public key file. */
  const OFFLINE = { DATA_DIR: '/nonexistent/um-console-data', AUDIT_SIGNING_KEY: '', DATABASE_URL: '' };

  function copyWith(file: string, change: (bytes: Buffer) => Buffer): string {
    const changed = path.join(path.dirname(file), `changed-${randomUUID()}-${path.basename(file)}`);
    writeFileSync(changed, change(readFileSync(file)));
    return changed;
  }

  describe('an export and its manifest', () => {
    test('a filtered CSV export verifies offline with the trusted public key, and its manifest says what it holds', async () => {
      const pair = await exportPair('tab=events&action=call.track&q=quoted&format=csv');
      const m = pair.parsed;
      assert.equal(m.format, 'csv');
      assert.equal(m.view, 'events');
      assert.deepEqual(m.filter, { action: 'call.track', q: 'quoted' });
      assert.equal(m.rowCount, 15);
      assert.ok(m.firstSeq !== null && m.lastSeq !== null && m.firstSeq < m.lastSeq && m.lastSeq <= m.through);
      assert.equal(m.chainHead?.seq, m.through);
      assert.match(m.chainHead?.hash ?? '', /^[0-9a-f]{64}$/);
      assert.equal(m.keyId, getAuditSigningKey().keyId);
      const run = await verifyExport([pair.file, pair.manifest, '--public-key', trustedPem], OFFLINE);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(
        run.stdout.split('\n')[0],
        `Export OK: 15 rows, seq ${m.firstSeq}–${m.lastSeq}, through ${m.through}, signed by key ${m.keyId}`,
      );
      assert.match(run.stdout, /public key written inside a manifest proves nothing by itself/);
    });

    test("an NDJSON export of disconnect attempts verifies with the console's own key from its data folder, as documented", async () => {
      const pair = await exportPair('format=ndjson&outcome=confirmed');
      assert.equal(pair.parsed.rowCount, 2);
      assert.deepEqual(pair.parsed.filter, { outcome: 'confirmed' });
      const run = await new Promise<{ code: number; stdout: string }>((resolve, reject) => {
        const child = spawn('npm', ['run', '--silent', 'admin', '--', 'verify-export', pair.file, pair.manifest], {
          env: { ...process.env, DATA_DIR: getConfig().dataDir, AUDIT_SIGNING_KEY: '' },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        child.once('error', reject);
        child.once('close', (code) => resolve({ code: code ?? -1, stdout }));
      });
      assert.equal(run.code, 0);
      assert.match(run.stdout, /^Export OK: 2 rows, seq \d+–\d+, through \d+, signed by key [0-9a-f]{16}\n/);
      assert.match(run.stdout, /Checked with this console's own signing key, key [0-9a-f]{16} \(from .*audit-signing-key\)/);
    });

    test('a pinned export stays the same while the log grows: a later completion and later rows stay out of both', async () => {
      const operator = userActor(h.users.operator, 'token:operator-script', '127.0.0.1', 'test');
      const attemptId = randomUUID();
      await appendAuditEvent(h.database.db, { action: 'disconnect.requested', actor: operator, attemptId, targetCallId: 'cGlubmVk', reason: 'pinned' });
      const manifest = await download('manifest', 'format=ndjson&q=pinned');
      const m = exportManifestSchema.parse(JSON.parse(manifest.bytes.toString('utf8')));
      await appendAuditEvent(h.database.db, { action: 'disconnect.completed', actor: operator, attemptId, targetCallId: 'cGlubmVk', outcome: 'confirmed' });
      await appendAuditEvent(h.database.db, { action: 'disconnect.requested', actor: operator, attemptId: randomUUID(), reason: 'pinned later' });
      const file = await download('file', `format=ndjson&q=pinned&through=${m.through}`);
      assert.equal(file.filename, manifest.filename.replace(/\.manifest\.json$/, ''));
      const rows = file.bytes.toString('utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { status: string; completed: unknown });
      assert.deepEqual(rows.map((row) => [row.status, row.completed]), [['in-progress', null]]);
      writeFileSync(path.join(dir, file.filename), file.bytes);
      writeFileSync(path.join(dir, manifest.filename), manifest.bytes);
      const run = await verifyExport([path.join(dir, file.filename), path.join(dir, manifest.filename), '--public-key', trustedPem], OFFLINE);
      assert.equal(run.code, 0, run.stderr);
      const unpinned = await download('file', 'format=ndjson&q=pinned');
      assert.equal(unpinned.bytes.toString('utf8').trimEnd().split('\n').length, 2, 'without the pin, the newer rows are there');
    });

    test('a pin beyond the newest entry, an operator asking for a manifest and a viewer are refused', async () => {
      const newest = (await listAuditEvents(h.database.db, {}, { limit: 1 })).items[0]?.seq ?? 0;
      const beyond = await handleExportAuditManifest(apiRequest('GET', `/audit/export/manifest?through=${newest + 5}`, { token: h.tokens.auditor }), h.ctx);
      assert.equal(beyond.status, 400);
      const error = await errorOf(beyond);
      assert.equal(error.field, 'through');
      assert.match(error.message, new RegExp(`ends at seq ${newest}`));
      const notANumber = await handleExportAudit(apiRequest('GET', '/audit/export?through=12abc', { token: h.tokens.auditor }), h.ctx);
      assert.equal((await errorOf(notANumber)).field, 'through');
      assert.equal((await handleExportAuditManifest(apiRequest('GET', '/audit/export/manifest', { token: h.tokens.operator }), h.ctx)).status, 403);
      assert.equal((await handleExportAuditManifest(apiRequest('GET', '/audit/export/manifest', { token: h.tokens.viewer }), h.ctx)).status, 403);
      assert.equal((await handleExportAuditManifest(apiRequest('GET', '/audit/export/manifest', { token: h.tokens.admin }), h.ctx)).status, 200);
    });
  });

  describe('verify-export refuses', () => {
    let csv: { file: string; manifest: string; parsed: ExportManifest };
    before(async () => {
      csv = await exportPair('tab=events&action=call.track&format=csv');
    });

    async function refused(file: string, manifest: string, pattern: RegExp, key = trustedPem): Promise<void> {
      const run = await verifyExport([file, manifest, '--public-key', key], OFFLINE);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.equal(run.stdout, '');
      assert.match(run.stderr.split('\n')[0] ?? '', pattern);
    }

    test('a file with one byte changed', async () => {
      // A reason cell "odd, ""quoted""" becomes "odd. ""quoted""": same rows, other bytes.
      const tampered = copyWith(csv.file, (bytes) => Buffer.from(bytes.toString('utf8').replace('odd, ', 'odd. ')));
      await refused(tampered, csv.manifest, /^Export problem: The file's SHA-256 is [0-9a-f]{64}, the manifest's [0-9a-f]{64}: the file's bytes were changed after it was exported\.$/);
    });

    test('a file with a row removed', async () => {
      const tampered = copyWith(csv.file, (bytes) => {
        const lines = bytes.toString('utf8').split('\r\n');
        lines.splice(3, 1);
        return Buffer.from(lines.join('\r\n'));
      });
      await refused(tampered, csv.manifest, new RegExp(`^Export problem: The file holds ${csv.parsed.rowCount - 1} rows, the manifest ${csv.parsed.rowCount}: rows were removed\\.$`));
    });

    test('rows put in another order', async () => {
      const tampered = copyWith(csv.file, (bytes) => {
        const lines = bytes.toString('utf8').split('\r\n');
        [lines[1], lines[2]] = [lines[2] ?? '', lines[1] ?? ''];
        return Buffer.from(lines.join('\r\n'));
      });
      await refused(tampered, csv.manifest, /^Export problem: Row 2 is seq \d+ after seq \d+: rows go newest first/);
    });

    test("a manifest whose rowCount was edited", async () => {
      const edited = copyWith(csv.manifest, (bytes) => {
        const m = JSON.parse(bytes.toString('utf8')) as ExportManifest;
        return Buffer.from(JSON.stringify({ ...m, rowCount: m.rowCount - 1 }, null, 2));
      });
      await refused(csv.file, edited, /^Export problem: The manifest's signature does not match its contents under key [0-9a-f]{16}: the manifest was changed/);
    });

    test("a manifest carrying another export's signature", async () => {
      const other = await exportPair('tab=events&format=csv');
      const swapped = copyWith(csv.manifest, (bytes) => {
        const m = JSON.parse(bytes.toString('utf8')) as ExportManifest;
        return Buffer.from(JSON.stringify({ ...m, signature: other.parsed.signature }));
      });
      await refused(csv.file, swapped, /^Export problem: The manifest's signature does not match its contents/);
    });

    test('a manifest re-signed with a key of its own, and a public key that is not the trusted one', async () => {
      const forger = signingKeyFromSeed(randomBytes(32).toString('base64url'));
      const { signature: _dropped, ...unsigned } = csv.parsed;
      const forged = copyWith(csv.manifest, () =>
        Buffer.from(JSON.stringify(signManifest({ ...unsigned, keyId: forger.keyId, publicKey: forger.publicKeyPem }, forger))),
      );
      await refused(csv.file, forged, new RegExp(`^Export problem: The manifest names key ${forger.keyId}, not the key you trust \\(${getAuditSigningKey().keyId}\\)`));
      const wrongKey = path.join(dir, 'wrong-public.pem');
      writeFileSync(wrongKey, forger.publicKeyPem);
      await refused(csv.file, csv.manifest, new RegExp(`^Export problem: The manifest names key ${csv.parsed.keyId}, not the key you trust \\(${forger.keyId}\\)`), wrongKey);
    });

    test('a manifest with a field the signature does not cover; missing files are a usage problem (exit 2)', async () => {
      const extra = copyWith(csv.manifest, (bytes) => Buffer.from(JSON.stringify({ ...(JSON.parse(bytes.toString('utf8')) as object), note: 'trust me' })));
      await refused(csv.file, extra, /^Export problem: The manifest is not one the console writes \(version 1\)/);
      const missing = await verifyExport([csv.file, path.join(dir, 'nothing.json'), '--public-key', trustedPem], OFFLINE);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /The manifest .*nothing\.json cannot be read: there is no such file\./);
      const noKey = await verifyExport([csv.file, csv.manifest], { DATA_DIR: path.join(dir, 'empty-data'), AUDIT_SIGNING_KEY: '' });
      assert.equal(noKey.code, 2);
      assert.match(noKey.stderr, /No key to check against: .* Pass --public-key <file>/);
      const usage = await verifyExport([csv.file]);
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /verify-export needs <file> <manifest>/);
    });
  });
});
