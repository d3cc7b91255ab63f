import { BEFORE_AFTER_MEASURED, BEFORE_AFTER_ROWS, CHANGES } from './before-after';
import type { BenchReport } from './benchmark';
import type { MachineInfo } from './machine';

/** What RESULTS.md is made from: this run's reports, and those kept from earlier runs for the others. */
export interface BenchResults {
  readonly machine: MachineInfo;
  /** Ids run this time, in order. */
  readonly ran: readonly string[];
  readonly durationSeconds: number;
  /** Every benchmark's latest report, by id, in the order the suite lists them. */
  readonly reports: readonly BenchReport[];
}

const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function verdict(met: boolean | null): string {
  if (met === null) return 'not measured';
  return met ? 'met' : '**NOT met**';
}

/** Every target with this run's figure: the table a reader (and the closing note) starts from. */
export function renderSummary(reports: readonly BenchReport[]): string {
  const rows = reports.flatMap((report) =>
    report.targets.map((target) => [`${report.id}`, target.what, target.target, target.figure, verdict(target.met)]),
  );
  return table(['#', 'What', 'Target', 'This run', 'Verdict'], rows);
}

export function renderDetails(report: BenchReport): string {
  const rows = report.rows.map((row) => [row.label, row.console, row.baseline, row.comparison]);
  return table(['Measured', 'Console', 'Baseline (same run)', 'Comparison'], rows);
}

function describeRun(report: BenchReport, ran: readonly string[]): string {
  const when = ran.includes(report.id) ? 'this run' : `an earlier run (${report.ranAt}), not repeated this time`;
  return `Measured in ${when}; ${report.seconds.toFixed(1)} s.`;
}

export function renderResultsFile(results: BenchResults): string {
  const { machine } = results;
  const sections = results.reports.map((report) =>
    [`### ${report.id}. ${report.title}`, '', describeRun(report, results.ran), '', renderDetails(report), '', ...report.notes.map((note) => `- ${note}`)].join('\n'),
  );
  return `# Benchmarks

Written by \`npm run bench\` (tests/bench/run.ts; \`npm run bench -- 4 6\` runs only those and keeps
the other sections from the run before). Every figure is compared with a baseline measured in the
same run, because this machine is shared and noisy: absolute numbers move from run to run, the
ratios are what to watch. Benchmarks never fail the build.

- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.platform}
- Node ${machine.node}; run at ${machine.date}; 1-minute load average at start ${machine.loadAverage.toFixed(2)}
- This run: ${results.ran.join(', ')} (${results.durationSeconds.toFixed(1)} s)

## Targets

${renderSummary(results.reports)}

## Changes for the targets

Where benchmarks a, b, 1, 2, 4, 5 and 6 showed the console's own cost, it was profiled and cut:

${CHANGES.map((change) => `- ${change}`).join('\n')}

Before and after these changes, measured back to back (${BEFORE_AFTER_MEASURED}):

${table(['Figure', 'Before (each round)', 'After (each round)'], BEFORE_AFTER_ROWS)}

## Each benchmark

${sections.join('\n\n')}
`;
}
