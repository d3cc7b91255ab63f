// Child process for runtime-start.test.ts: starts the console's runtime the way `next start` does
// (through instrumentation.ts's register()), reports what it found as one JSON line, and exits.
import { register } from '../../instrumentation';
import { listCalls } from '../../lib/calls';
import { getRuntime } from '../../lib/runtime';

async function main(): Promise<void> {
  await register();
  const runtime = await getRuntime();
  const again = await getRuntime();
  await runtime.poller.pollNow();
  const calls = await listCalls(runtime.db, 'all');
  const users = await runtime.db.selectFrom('users').select(['email', 'role']).execute();
  const report = {
    sameRuntime: runtime === again,
    mode: runtime.um.mode,
    pollIntervalMs: runtime.poller.intervalMs,
    lastPollAt: runtime.poller.lastPollAt,
    calls: calls.map((call) => ({ label: call.label, via: call.addedVia, state: call.state, ended: call.ended })),
    users,
  };
  console.log(`REPORT ${JSON.stringify(report)}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error('runtime child failed:', error);
  process.exit(1);
});
