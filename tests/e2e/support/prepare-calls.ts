// Puts tracked calls and stuck-call rules into a console's data folder before it starts, through
// lib/calls in the test's own process (the real functions, the real database, a real simulator).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Actor } from '../../../lib/auth/actor';
import type { Role } from '../../../lib/auth/roles';
import { findUserByEmail } from '../../../lib/auth/users';
import { saveStuckRules, trackCall, type StuckRules } from '../../../lib/calls';
import { openDatabase } from '../../../lib/db/open-database';
import { consoleDatabaseUrl } from '../../helpers/databases/console-database';
import { createUmClient } from '../../../lib/um';
import { E2E_USERS, seedE2eUsers } from './auth-users';

export interface PlannedCall {
  readonly dialString: string;
  readonly label: string;
}

/** A fresh data folder holding the E2E_USERS, for startConsole({ env: { DATA_DIR } }). */
export async function makeDataDir(): Promise<string> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'um-console-e2e-prepared-'));
  await seedE2eUsers(dataDir);
  return dataDir;
}

async function actorFor(db: Parameters<typeof findUserByEmail>[0], role: Role): Promise<Actor> {
  const user = await findUserByEmail(db, E2E_USERS[role].email);
  if (!user) throw new Error(`The e2e ${role} is missing from the data folder`);
  return { kind: 'user', id: user.id, email: user.email, displayName: user.displayName, role: user.role, authMethod: 'session', sourceIp: null, userAgent: null };
}

/**
 * Saves `rules` as the admin, then places each call on the simulator and tracks it as the
 * operator. Returns the CallIds in the order given.
 */
export async function prepareCalls(dataDir: string, simulatorUrl: string, rules: StuckRules, calls: readonly PlannedCall[]): Promise<string[]> {
  const database = await openDatabase(await consoleDatabaseUrl(dataDir));
  try {
    const { db } = database;
    const saved = await saveStuckRules({ db }, await actorFor(db, 'admin'), rules);
    if (!saved.ok) throw new Error(`The stuck-call rules were refused: ${saved.error.message}`);
    const operator = await actorFor(db, 'operator');
    const um = createUmClient({ url: simulatorUrl });
    const ids: string[] = [];
    for (const call of calls) {
      const callId = await um.playOnPhone('AAAA', call.dialString);
      const tracked = await trackCall({ db, um }, operator, { callId, label: call.label }, 'browser');
      if (!tracked.ok) throw new Error(`Tracking ${call.label} failed: ${tracked.error.message}`);
      ids.push(callId);
    }
    return ids;
  } finally {
    await database.close();
  }
}
