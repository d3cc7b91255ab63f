// Child process for calls-recovery.test.ts: starts a real disconnect against the simulator the
// parent runs, and is killed by the parent while the Disconnect is still unanswered.
// Usage: node --import tsx calls-crash-child.ts <database url> <simulator url> <callId>
import { disconnectCall } from '../../lib/calls';
import { openDatabase } from '../../lib/db/open-database';
import { createUmClient } from '../../lib/um';
import { person } from './calls-harness';

const [databaseUrl, url, callId] = process.argv.slice(2);
if (!databaseUrl || !url || !callId) {
  console.error('usage: calls-crash-child.ts <database url> <simulator url> <callId>');
  process.exit(2);
}

async function main(database: string, endpoint: string, target: string): Promise<void> {
  const { db } = await openDatabase(database);
  const um = createUmClient({ url: endpoint, timeoutMs: 60_000 });
  console.log('child: sending');
  await disconnectCall({ db, um, verifyTimeoutMs: 60_000 }, person('operator', 'crashing'), { callId: target, reason: 'about to crash' });
  console.log('child: finished, which the test did not expect');
}

void main(databaseUrl, url, callId);
