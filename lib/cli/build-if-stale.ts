import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:os';
import path from 'node:path';
import { buildChildEnvironment } from '../config';

/** What a production build depends on; a change to any of them makes the build stale. */
const SOURCE_DIRS = ['app', 'components', 'lib', 'public'];
const SOURCE_FILES = [
  'proxy.ts',
  'instrumentation.ts',
  'next.config.js',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
];
/** Written into .next only after a successful build, so a failed or partial build never counts. */
export const FINGERPRINT_FILE = path.join('.next', 'um-console-build.sha256');

export type BuildResult = 'up-to-date' | 'built';

export class BuildFailedError extends Error {
  constructor(readonly exitCode: number) {
    super(`next build failed (exit code ${exitCode}); its output above says why.`);
    this.name = 'BuildFailedError';
  }
}

/** sha256 over the path and contents of every build input, in a stable order. */
export async function computeBuildFingerprint(root: string): Promise<string> {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) files.push(...(await listFiles(root, dir)));
  for (const file of SOURCE_FILES) if (existsSync(path.join(root, file))) files.push(file);
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file.split(path.sep).join('/')}\0`);
    hash.update(await readFile(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

async function listFiles(root: string, dir: string): Promise<string[]> {
  if (!existsSync(path.join(root, dir))) return [];
  const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** Whether .next holds a complete build of exactly the current sources. */
export async function isBuildCurrent(root: string): Promise<boolean> {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) return false;
  const recorded = await readFile(path.join(root, FINGERPRINT_FILE), 'utf8').catch(() => undefined);
  return recorded?.trim() === (await computeBuildFingerprint(root));
}

/** Runs `next build` unless the last successful build was made from the current sources. */
export async function buildIfStale(options: { root?: string; log?: (line: string) => void } = {}): Promise<BuildResult> {
  const root = options.root ?? process.cwd();
  const log = options.log ?? ((line: string) => console.log(line));
  if (await isBuildCurrent(root)) {
    log('The production build is up to date.');
    return 'up-to-date';
  }
  log('No current production build: running next build (this takes a minute)…');
  await rm(path.join(root, FINGERPRINT_FILE), { force: true });
  // Fingerprint the sources as they were when the build started: an edit during the build
  // must make the next start build again.
  const fingerprint = await computeBuildFingerprint(root);
  const exitCode = await runNext(root, ['build']);
  if (exitCode !== 0) throw new BuildFailedError(exitCode);
  await writeFile(path.join(root, FINGERPRINT_FILE), `${fingerprint}\n`);
  return 'built';
}

/**
 * Runs the project's own `next` with inherited output and telemetry off, forwarding SIGINT and
 * SIGTERM to it; resolves to its exit code (128 + signal number when a signal ended it).
 */
export function runNext(root: string, args: readonly string[], env = buildChildEnvironment()): Promise<number> {
  const child = spawn(path.join(root, 'node_modules', '.bin', 'next'), args, { cwd: root, env, stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise<number>((resolve, reject) => {
    child.once('error', (error) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}

