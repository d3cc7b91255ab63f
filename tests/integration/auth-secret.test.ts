import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { loadOrCreateSecretFile, SECRET_FILE_NAME } from '../../lib/auth/secret';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'um-console-secret-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('the first start generates a 32-byte secret into the data folder with mode 0600; later starts read the same one', async () => {
  const dataDir = path.join(dir, 'data');
  const first = loadOrCreateSecretFile(dataDir);
  assert.match(first, /^[A-Za-z0-9_-]{43}$/);
  const file = path.join(dataDir, SECRET_FILE_NAME);
  assert.equal((await stat(file)).mode & 0o777, 0o600);
  assert.equal((await readFile(file, 'utf8')).trim(), first);
  assert.equal(loadOrCreateSecretFile(dataDir), first);
});

test('an existing secret file is used as it is, and its permissions are tightened', async () => {
  const file = path.join(dir, SECRET_FILE_NAME);
  await writeFile(file, 'an-operator-provided-secret-of-enough-length\n', { mode: 0o644 });
  assert.equal(loadOrCreateSecretFile(dir), 'an-operator-provided-secret-of-enough-length');
  assert.equal((await stat(file)).mode & 0o777, 0o600);
});

test('a secret file too short to be a secret stops the start with a message, instead of being used', async () => {
  await writeFile(path.join(dir, SECRET_FILE_NAME), 'changeme\n', { mode: 0o600 });
  assert.throws(() => loadOrCreateSecretFile(dir), /holds no usable secret.*Delete it/s);
});

test('processes starting together on one data folder all end up with the same secret', async () => {
  const script = `const { loadOrCreateSecretFile } = require(${JSON.stringify(path.resolve('lib/auth/secret.ts'))});
process.stdout.write(loadOrCreateSecretFile(${JSON.stringify(dir)}));`;
  const run = () =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
    });
  const secrets = await Promise.all([run(), run(), run(), run()]);
  assert.equal(new Set(secrets).size, 1, secrets.join('\n'));
  assert.equal((await readFile(path.join(dir, SECRET_FILE_NAME), 'utf8')).trim(), secrets[0]);
});
