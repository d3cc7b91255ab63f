// `npm test`: lint, typecheck, unit, integration, e2e and security, then e2e and security again with
// every console on PostgreSQL, in that order. Streams each stage's output as it comes, counts the
// tests, stops at the first failing stage with its exit code, and ends with a per-stage summary whose
// last line is `N passed, N failed`. Stage names as arguments run only those stages.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { buildChildEnvironment } from '../lib/config';
import { postgresRequired, probePostgres } from './helpers/databases/postgres-server';

type Counter = 'none' | 'node-test' | 'playwright';

interface Stage {
  readonly name: string;
  readonly counter: Counter;
  /** The commands to run; undefined when the stage has no test files yet (it is skipped). */
  readonly commands: () => ReadonlyArray<readonly string[]> | undefined;
  /** Environment for the stage's commands. */
  readonly env?: Readonly<Record<string, string>>;
  /** Whether the stage can run here; a reason to skip it (or, with `required`, to fail it). */
  readonly precondition?: () => { readonly ok: true } | { readonly ok: false; readonly reason: string; readonly required: boolean };
}

interface StageResult {
  readonly name: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly passed: number;
  readonly failed: number;
  readonly note: string;
  readonly exitCode: number;
}

const bin = (name: string) => path.join('node_modules', '.bin', name);

/** Node's runner does not expand globs itself, and a shell leaves an unmatched one in place. */
function testFiles(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => path.join(dir, name));
}

function nodeTests(dir: string, extra: readonly string[] = [], except: readonly string[] = []) {
  return () => {
    const files = testFiles(dir, '.test.ts').filter((file) => !except.includes(path.basename(file)));
    return files.length === 0 ? undefined : [[process.execPath, '--import', 'tsx', '--import', './tests/setup/isolate-data-dir.mjs', '--test', ...extra, ...files]];
  };
}

const e2eCommands = () =>
  testFiles('tests/e2e', '.spec.ts').length === 0 ? undefined : [[bin('tsx'), 'tests/e2e/ensure-chromium.ts'], [bin('playwright'), 'test']];

/**
 * The consoles of the e2e and security stages keep SQLite in their data folders, as a fresh install
 * does; their `-postgres` runs give each console a schema of its own on the test PostgreSQL server
 * instead (tests/helpers/databases/console-database.ts).
 */
const ON_POSTGRES = { CONSOLE_TEST_DATABASE: 'postgres' } as const;

function postgresReachable() {
  const server = probePostgres();
  return server.reachable ? ({ ok: true } as const) : ({ ok: false, reason: server.reason, required: postgresRequired() } as const);
}

/** Security files that do not touch a console's database, or that start their own on PostgreSQL already. */
const NOT_AGAIN_ON_POSTGRES = ['dependencies.test.ts', 'multi-instance.test.ts', 'postgres-mode.test.ts'];

const STAGES: readonly Stage[] = [
  { name: 'lint', counter: 'none', commands: () => [['npm', 'run', '--silent', 'lint']] },
  { name: 'typecheck', counter: 'none', commands: () => [['npm', 'run', '--silent', 'typecheck']] },
  { name: 'unit', counter: 'node-test', commands: nodeTests('tests/unit') },
  { name: 'integration', counter: 'node-test', commands: nodeTests('tests/integration', ['--test-concurrency=1']) },
  { name: 'e2e', counter: 'playwright', commands: e2eCommands },
  // Attacks on the production build under `next start`, one console per file, one file at a time.
  { name: 'security', counter: 'node-test', commands: nodeTests('tests/security', ['--test-concurrency=1']) },
  { name: 'e2e-postgres', counter: 'playwright', commands: e2eCommands, env: ON_POSTGRES, precondition: postgresReachable },
  {
    name: 'security-postgres',
    counter: 'node-test',
    commands: nodeTests('tests/security', ['--test-concurrency=1'], NOT_AGAIN_ON_POSTGRES),
    env: ON_POSTGRES,
    precondition: postgresReachable,
  },
];

// eslint-disable-next-line no-control-regex -- ANSI colour codes are control characters by definition
const ANSI = /\u001b\[[0-9;]*m/g;
// node:test closes with `# pass N` (TAP) or `ℹ pass N` (spec); cancelled tests count as failed.
const NODE_TEST_LINE = /^(?:#|ℹ)\s+(pass|fail|cancelled)\s+(\d+)\s*$/;
// Playwright's list reporter closes with lines such as `  7 passed (15.3s)` and `  1 failed`.
const PLAYWRIGHT_LINE = /^\s+(\d+)\s+(passed|failed|flaky|interrupted)(?:\s+\(.*\))?\s*$/;

/** Counts from the closing summary lines; the last value of each wins. */
function countResults(counter: Counter, output: string): { passed: number; failed: number } {
  const last = new Map<string, number>();
  for (const raw of output.split('\n')) {
    const line = raw.replace(ANSI, '');
    const nodeMatch = counter === 'node-test' ? NODE_TEST_LINE.exec(line) : null;
    if (nodeMatch?.[1] && nodeMatch[2]) last.set(nodeMatch[1], Number(nodeMatch[2]));
    const pwMatch = counter === 'playwright' ? PLAYWRIGHT_LINE.exec(line) : null;
    if (pwMatch?.[1] && pwMatch[2]) last.set(pwMatch[2], Number(pwMatch[1]));
  }
  const get = (key: string) => last.get(key) ?? 0;
  return counter === 'node-test'
    ? { passed: get('pass'), failed: get('fail') + get('cancelled') }
    : { passed: get('passed') + get('flaky'), failed: get('failed') + get('interrupted') };
}

/** Runs one command, copying its output through as it arrives; resolves to code and output. */
function run(command: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<{ code: number; output: string }> {
  const [file, ...args] = command;
  if (!file) throw new Error('empty command');
  console.log(`\n$ ${command.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(file, args, { env: buildChildEnvironment(env), stdio: ['inherit', 'pipe', 'pipe'] });
    // A stop request for the runner is passed on, so no test server outlives it.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.once('close', () => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      output += chunk.toString('utf8');
    });
    child.once('error', (error) => resolve({ code: 127, output: `${output}\n${error.message}` }));
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

async function runStage(stage: Stage): Promise<StageResult> {
  const commands = stage.commands();
  const base = { name: stage.name, passed: 0, failed: 0 };
  if (!commands) return { ...base, status: 'skipped', note: 'no test files yet', exitCode: 0 };
  const ready = stage.precondition?.() ?? { ok: true };
  if (!ready.ok) {
    console.log(`\n=== ${stage.name} ===\n${ready.reason}`);
    // CI sets REQUIRE_POSTGRES=1: a missing server must fail the run, not shrink it.
    if (ready.required) return { ...base, failed: 1, status: 'failed', note: `${ready.reason} (REQUIRE_POSTGRES=1)`, exitCode: 1 };
    return { ...base, status: 'skipped', note: `${ready.reason}; set REQUIRE_POSTGRES=1 to fail instead`, exitCode: 0 };
  }
  const envNote = stage.env ? ` (${Object.entries(stage.env).map(([name, value]) => `${name}=${value}`).join(' ')})` : '';
  console.log(`\n=== ${stage.name}${envNote} ===`);
  let output = '';
  for (const command of commands) {
    const result = await run(command, stage.env);
    output += result.output;
    if (result.code !== 0) {
      const counts = countResults(stage.counter, output);
      return { ...base, ...counts, status: 'failed', note: `exit code ${result.code}`, exitCode: result.code };
    }
  }
  const counts = { ...base, ...countResults(stage.counter, output) };
  if (stage.counter !== 'none' && counts.failed > 0) {
    return { ...counts, status: 'failed', note: 'failures reported despite exit code 0', exitCode: 1 };
  }
  if (stage.counter !== 'none' && counts.passed === 0) {
    // Test files exist but nothing ran: a typo in a runner flag must not read as green.
    return { ...counts, status: 'failed', note: 'test files exist but no test ran', exitCode: 1 };
  }
  return { ...counts, status: 'passed', note: '', exitCode: 0 };
}

function printSummary(results: readonly StageResult[]): void {
  console.log('\n=== summary ===');
  for (const r of results) {
    const counts = r.passed + r.failed > 0 ? ` — ${r.passed} passed, ${r.failed} failed` : '';
    console.log(`${r.name.padEnd(12)} ${r.status}${counts}${r.note ? ` (${r.note})` : ''}`);
  }
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
}

/** `tsx tests/run-all.ts unit e2e` runs just those stages; no arguments runs them all. */
function selectStages(names: readonly string[]): readonly Stage[] | undefined {
  if (names.length === 0) return STAGES;
  const unknown = names.filter((name) => !STAGES.some((stage) => stage.name === name));
  if (unknown.length > 0) return undefined;
  return STAGES.filter((stage) => names.includes(stage.name));
}

async function main(): Promise<number> {
  const stages = selectStages(process.argv.slice(2));
  if (!stages) {
    console.error(`usage: tsx tests/run-all.ts [${STAGES.map((stage) => stage.name).join('|')}]...`);
    return 2;
  }
  const results: StageResult[] = [];
  for (const stage of stages) {
    const result = await runStage(stage);
    results.push(result);
    if (result.status === 'failed') {
      for (const rest of stages.slice(results.length)) {
        results.push({ name: rest.name, status: 'skipped', passed: 0, failed: 0, note: `not run: ${stage.name} failed`, exitCode: 0 });
      }
      printSummary(results);
      return result.exitCode;
    }
  }
  printSummary(results);
  return 0;
}

main().then((code) => process.exit(code));
