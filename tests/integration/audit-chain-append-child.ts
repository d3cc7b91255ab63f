// A second process appending to the same audit log: argv = DATABASE_URL, key (hex), count.
import { setTimeout as delay } from 'node:timers/promises';
import { appendAuditEvent } from '../../lib/audit';
import { openDatabase } from '../../lib/db/open-database';
import { person } from './calls-harness';

async function main(): Promise<void> {
  const [url, keyHex, countText] = process.argv.slice(2);
  if (!url || !keyHex || !countText) throw new Error('usage: audit-chain-append-child <database url> <key hex> <count>');
  const key = Buffer.from(keyHex, 'hex');
  const database = await openDatabase(url);
  const actor = person('admin', 'child');
  const append = (i: number) =>
    i % 2 === 0
      ? appendAuditEvent(database.db, { action: 'call.track', actor, details: { child: i } }, Date.now, { key })
      : database.db.transaction().execute((trx) => appendAuditEvent(trx, { action: 'call.track', actor, details: { child: i } }, Date.now, { key }));
  // Pairs at once (both styles racing inside this process), then a breath, so the parent's appends
  // get the write lock in between however the machine schedules the two processes.
  for (let i = 0; i < Number(countText); i += 2) {
    await Promise.all([append(i), ...(i + 1 < Number(countText) ? [append(i + 1)] : [])]);
    await delay(2);
  }
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
