// Child process for bulk-stop.test.ts: starts a bulk disconnect of every active call against the
// simulator the parent runs, then waits to be killed mid-run.
// Usage: node --import tsx bulk-crash-child.ts <database url> <simulator url>
import { listCalls, startBatch } from '../../lib/calls';
import { openDatabase } from '../../lib/db/open-database';
import { createUmClient } from '../../lib/um';
import { person } from './calls-harness';

const [databaseUrl, url] = process.argv.slice(2);
if (!databaseUrl || !url) {
  console.error('usage: bulk-crash-child.ts <database url> <simulator url>');
  process.exit(2);
}

async function main(database: string, endpoint: string): Promise<void> {
  const { db } = await openDatabase(database);
  const um = createUmClient({ url: endpoint, timeoutMs: 60_000, maxConcurrency: 2 });
  const total = (await listCalls(db, 'active')).length;
  const started = await startBatch({ db, um, verifyTimeoutMs: 60_000, verifyBackoffMs: [50], maxConcurrency: 2 }, person('operator', 'crashing'), {
    filter: {},
    reason: 'about to crash',
    expectedCount: total,
  });
  console.log(`child: ${JSON.stringify(started)}`);
  // Kept alive until the parent kills it.
  setInterval(() => undefined, 60_000);
}

void main(databaseUrl, url);
