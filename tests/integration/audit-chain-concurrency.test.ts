import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { afterEach, beforeEach, it } from 'node:test';
import { appendAuditEvent } from '../../lib/audit';
import { verifyAuditChain } from '../../lib/audit/chain/verify-chain';
import { openDatabase, type OpenDatabase } from '../../lib/db/open-database';
import { testKey } from './audit-chain-harness';
import { person, type TestDatabase } from './calls-harness';
import { describeEachDatabase } from '../helpers/databases/each-database';
import { openTestDatabase } from '../helpers/databases/test-database';

const CHILD = path.join(import.meta.dirname, 'audit-chain-append-child.ts');

describeEachDatabase('appends racing each other still form one unbroken chain', (kind) => {
  const key = testKey();
  let database: TestDatabase;
  let second: OpenDatabase | undefined;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
  });
  afterEach(async () => {
    await second?.close();
    second = undefined;
    await database.dispose();
  });

  it('sixty appends at once on one handle verify, numbered 1–60', async () => {
    const events = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        appendAuditEvent(database.db, { action: 'call.track', actor: person('operator'), details: { i } }, Date.now, { key }),
      ),
    );
    assert.deepEqual(events.map((e) => e.seq).sort((a, b) => a - b), Array.from({ length: 60 }, (_, i) => i + 1));
    const result = await verifyAuditChain(database.db, key);
    assert.deepEqual(result.ok ? [result.count, result.headSeq] : result, [60, 60]);
  });

  it('appends at once through two handles on the same database verify, with no seq taken twice', async () => {
    second = await openDatabase(database.url);
    const handles = [database.db, second.db];
    const events = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        appendAuditEvent(handles[i % 2] ?? database.db, { action: 'call.track', actor: person('operator'), details: { i } }, Date.now, { key }),
      ),
    );
    assert.deepEqual(events.map((e) => e.seq).sort((a, b) => a - b), Array.from({ length: 80 }, (_, i) => i + 1));
    const result = await verifyAuditChain(database.db, key);
    assert.deepEqual(result.ok ? [result.count, result.headSeq] : result, [80, 80]);
  });

  it('a second process appending at the same time (some in its own transactions) joins the same chain', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, database.url, key.toString('hex'), '200'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    let running = true;
    const exited = once(child, 'close').finally(() => (running = false));
    // Keep appending for as long as the child does, in both styles, so the two really overlap.
    let ours = 0;
    while (running || ours < 20) {
      const details = { parent: ours };
      if (ours % 2 === 0) await appendAuditEvent(database.db, { action: 'call.track', actor: person('operator'), details }, Date.now, { key });
      else await database.db.transaction().execute((trx) => appendAuditEvent(trx, { action: 'call.track', actor: person('operator'), details }, Date.now, { key }));
      ours += 1;
      // SQLite answers synchronously; yield so the child's exit can be noticed (harmless on PostgreSQL).
      await setImmediate();
    }
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0, stderr);
    const children = await database.db
      .selectFrom('audit_events')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('seq').as('first'), eb.fn.max('seq').as('last')])
      .where('actor_id', '=', 'user-child')
      .executeTakeFirstOrThrow();
    assert.equal(Number(children.n), 200);
    // The parent's rows landed in between the child's: the appends did race.
    const between = await database.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('actor_id', '=', 'user-operator')
      .where('seq', '>', Number(children.first))
      .where('seq', '<', Number(children.last))
      .executeTakeFirstOrThrow();
    assert.ok(Number(between.n) > 0, 'the two processes did not overlap');
    const result = await verifyAuditChain(database.db, key);
    assert.deepEqual(result.ok ? [result.count, result.headSeq] : result, [ours + 200, ours + 200]);
  });
});
