// Schemas (and roles) the PostgreSQL variants create: named umcc_test_<pid>_<random>_<n>, one per
// test database, dropped when the database is disposed and, whatever is left (a failed test), when
// the process exits. Leftovers of processes that died harder (SIGKILL) are swept by the next run.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Client } from 'pg';
import { runPgScriptSync, withServerClient } from './postgres-server';

export const TEST_NAME_PREFIX = 'umcc_test_';
const PROCESS_PREFIX = `${TEST_NAME_PREFIX}${process.pid}_${randomBytes(3).toString('hex')}`;

const live = { schemas: new Set<string>(), roles: new Set<string>() };
let counter = 0;
let prepared: Promise<void> | undefined;

/** A fresh, empty schema of this process. */
export async function createTestSchema(): Promise<string> {
  await (prepared ??= prepare());
  counter += 1;
  const name = `${PROCESS_PREFIX}_${counter}`;
  live.schemas.add(name);
  await withServerClient(async (client) => {
    await client.query(`create schema ${name}`);
    await client.query(`comment on schema ${name} is '${ownerNote()}'`);
  });
  return name;
}

export async function dropTestSchema(name: string): Promise<void> {
  await withServerClient((client) => client.query(`drop schema if exists ${name} cascade`));
  live.schemas.delete(name);
}

/** A login role of this process with a password of its own (so it works whatever the server's pg_hba says). */
export async function createTestRole(purpose: string): Promise<{ readonly name: string; readonly password: string }> {
  await (prepared ??= prepare());
  counter += 1;
  const name = `${PROCESS_PREFIX}_${purpose}_${counter}`;
  const password = randomBytes(12).toString('hex');
  live.roles.add(name);
  await withServerClient(async (client) => {
    await client.query(`create role ${name} login password '${password}'`);
    await client.query(`comment on role ${name} is '${ownerNote()}'`);
  });
  return { name, password };
}

export async function dropTestRole(name: string): Promise<void> {
  await withServerClient(async (client) => {
    await client.query(`drop owned by ${name}`);
    await client.query(`drop role ${name}`);
  });
  live.roles.delete(name);
}

/** Who made it, so a later run on this host can tell a dead process's leftovers from a live one's. */
function ownerNote(): string {
  return JSON.stringify({ host: os.hostname(), pid: process.pid, createdAt: Date.now() });
}

async function prepare(): Promise<void> {
  process.on('exit', dropLeftoversSync);
  await withServerClient(sweepAbandoned).catch((error: unknown) => console.error('Sweeping old test schemas failed:', error));
}

const DAY_MS = 86_400_000;

/** Drops what processes that no longer run left behind (same host), and anything older than a day. */
async function sweepAbandoned(client: Client): Promise<void> {
  const schemas = await client.query<{ name: string; note: string | null }>(
    `select nspname as name, obj_description(oid, 'pg_namespace') as note from pg_namespace where nspname like 'umcc\\_test\\_%'`,
  );
  const roles = await client.query<{ name: string; note: string | null }>(
    `select rolname as name, shobj_description(oid, 'pg_authid') as note from pg_roles where rolname like 'umcc\\_test\\_%'`,
  );
  for (const { name } of schemas.rows.filter(isAbandoned)) await client.query(`drop schema if exists ${name} cascade`).catch(() => undefined);
  for (const { name } of roles.rows.filter(isAbandoned)) await client.query(`drop owned by ${name}; drop role ${name}`).catch(() => undefined);
}

function isAbandoned({ note }: { note: string | null }): boolean {
  let owner: { host?: unknown; pid?: unknown; createdAt?: unknown };
  try {
    owner = JSON.parse(note ?? '') as typeof owner;
  } catch {
    return false;
  }
  if (typeof owner.createdAt === 'number' && Date.now() - owner.createdAt > DAY_MS) return true;
  return owner.host === os.hostname() && typeof owner.pid === 'number' && !isRunning(owner.pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const DROP_SCRIPT = `
const { Client } = require('pg');
const { schemas, roles } = JSON.parse(process.argv[2]);
const client = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
(async () => {
  await client.connect();
  await client.query("set lock_timeout = '5s'");
  for (const name of schemas) await client.query('drop schema if exists ' + name + ' cascade');
  for (const name of roles) await client.query('drop owned by ' + name + '; drop role ' + name).catch(() => undefined);
  await client.end();
})().then(() => process.exit(0), (error) => { process.stderr.write(error.message); process.exit(1); });`;

/** 'exit' handlers cannot wait for a promise: a child process does the dropping while this one waits. */
function dropLeftoversSync(): void {
  if (live.schemas.size === 0 && live.roles.size === 0) return;
  const { ok, output } = runPgScriptSync(DROP_SCRIPT, { schemas: [...live.schemas], roles: [...live.roles] });
  if (!ok) console.error(`Test schemas ${[...live.schemas].join(', ')} could not be dropped (the next run sweeps them): ${output}`);
}
