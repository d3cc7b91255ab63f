// A real SQLite database file in a fresh temporary folder, for the auth integration tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type OpenDatabase } from '../../lib/db/open-database';

export interface TestDatabase {
  readonly dir: string;
  readonly url: string;
  /** Opens another handle on the same file, as a restarted process would. */
  reopen(): Promise<OpenDatabase>;
  cleanup(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase & { readonly open: OpenDatabase }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'um-console-auth-'));
  const url = `file:${path.join(dir, 'console.db')}`;
  const handles: OpenDatabase[] = [];
  const reopen = async () => {
    const handle = await openDatabase(url);
    handles.push(handle);
    return handle;
  };
  const open = await reopen();
  return {
    dir,
    url,
    open,
    reopen,
    cleanup: async () => {
      for (const handle of handles) await handle.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A clock the test moves by hand. */
export function manualClock(start: number) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    set: (value: number) => {
      now = value;
    },
  };
}
