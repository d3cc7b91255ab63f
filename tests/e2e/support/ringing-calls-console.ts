// A console of a spec's own with calls that ring for ten minutes (stuck in Connecting after 5 s
// under RINGING_RULES), against an in-process simulator the spec can slow down or make fail.
import { rm } from 'node:fs/promises';
import { startUmSimulator, type UmSimulator } from '../../../lib/um/simulator';
import { makeDataDir, prepareCalls, type PlannedCall } from './prepare-calls';
import { startConsole, type RunningConsole } from './start-console';

/** Stuck after 5 s in Connecting; nothing else a spec's calls do counts as stuck. */
export const RINGING_RULES = { connectingSeconds: 5, connectedMinutes: 10_080, afterDisconnectSeconds: 30, failedChecks: 5 };

/** Numbers ending 0000 never answer (for ten minutes); any other number answers at once. */
export const RINGING_DIAL_STRING = '+1 425 555 0000';

export interface RingingCallsConsole {
  readonly simulator: UmSimulator;
  readonly server: RunningConsole;
  readonly dataDir: string;
  /** The calls' CallIds, in the order planned. */
  readonly callIds: readonly string[];
  /** When the calls were tracked (before the console started). */
  readonly trackedAt: number;
  stop(): Promise<void>;
}

/** Tracks `planned` (as the operator, with RINGING_RULES saved), then starts a console on them with `env`. */
export async function startRingingCallsConsole(planned: readonly PlannedCall[], env: Readonly<Record<string, string>>): Promise<RingingCallsConsole> {
  const simulator = await startUmSimulator({ ringMs: 0, noAnswerMs: 600_000 });
  const dataDir = await makeDataDir();
  let server: RunningConsole | undefined;
  const stop = async () => {
    await server?.stop();
    await simulator.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const callIds = await prepareCalls(dataDir, simulator.url, RINGING_RULES, planned);
    const trackedAt = Date.now();
    server = await startConsole({ env: { UM_SERVICE_URL: simulator.url, DATA_DIR: dataDir, ...env } });
    return { simulator, server, dataDir, callIds, trackedAt, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
