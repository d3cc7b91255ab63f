// What every benchmark module gives run.ts: figures against a baseline measured in the same run,
// and the targets they are held to. Benchmarks never fail the build; a missed target is reported.

/** One line of the detail table: the console's figure next to the baseline's. */
export interface BenchRow {
  readonly label: string;
  readonly console: string;
  readonly baseline: string;
  /** The ratio or difference, in words ("+1.2 ms at p50", "0.91× the baseline"). */
  readonly comparison: string;
}

/** A target of the issue and whether this run met it; met is null when it could not be measured. */
export interface TargetCheck {
  readonly what: string;
  readonly target: string;
  readonly figure: string;
  readonly met: boolean | null;
}

export interface BenchOutcome {
  readonly rows: readonly BenchRow[];
  readonly targets: readonly TargetCheck[];
  /** How the figures were made, and anything a reader must know to trust them. */
  readonly notes: readonly string[];
}

export interface BenchReport extends BenchOutcome {
  readonly id: string;
  readonly title: string;
  /** ISO time the benchmark started, so rows kept from an earlier run say when they were measured. */
  readonly ranAt: string;
  readonly seconds: number;
}

export interface BenchContext {
  readonly repoRoot: string;
  /** Progress for the person watching; never part of the results. */
  log(line: string): void;
  /** `--db sqlite,postgres`: the database kinds benchmark 4 runs on. */
  readonly databaseKinds: readonly DatabaseKind[];
  /** `--events N`: the size of the large audit log for benchmarks 4 and 5 (1,000,000 unless told). */
  readonly largeEventCount: number;
}

export type DatabaseKind = 'sqlite' | 'postgres';

export interface Benchmark {
  /** 'a', 'b', '1' … '7': what `npm run bench -- <id>` names. */
  readonly id: string;
  readonly title: string;
  run(context: BenchContext): Promise<BenchOutcome>;
}
