import type { CommandName } from './command-spec';
import type { Failure } from './describe-failure';

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonFields = Readonly<Record<string, JsonValue>>;

/** What one run of umctl produced, before it is printed as text or JSON. */
export type Report =
  | {
      readonly ok: true;
      readonly command: CommandName;
      readonly data: JsonFields;
      /** Lines for stdout in human mode. */
      readonly lines: readonly string[];
    }
  | {
      readonly ok: false;
      readonly command: CommandName | undefined;
      readonly failure: Failure;
      readonly data: JsonFields;
    };

export interface Output {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Prints a report and returns the exit code. With --json, stdout gets exactly one JSON object. */
export function printReport(report: Report, json: boolean, output: Output): number {
  if (report.ok) {
    if (json) output.stdout(`${JSON.stringify({ ok: true, command: report.command, ...report.data })}\n`);
    else output.stdout(`${report.lines.join('\n')}\n`);
    return 0;
  }
  const { failure } = report;
  if (json) {
    const error = { kind: failure.kind, ...failure.details, message: failure.message };
    output.stdout(`${JSON.stringify({ ok: false, command: report.command ?? null, ...report.data, error, exitCode: failure.exitCode })}\n`);
  } else {
    const hint = failure.kind === 'usage' ? `\nRun "umctl ${report.command ? `${report.command} --help` : 'help'}" for usage.` : '';
    output.stderr(`umctl: ${failure.message}${hint}\n`);
  }
  return failure.exitCode;
}
