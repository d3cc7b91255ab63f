/** The one result type of domain functions and server actions (style.md, rule 3). */
export type Result<T, Code extends string = string> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly error: ResultError<Code> };

export interface ResultError<Code extends string = string> {
  readonly code: Code;
  /** A sentence for a person; never raw exception text. */
  readonly message: string;
  readonly fieldErrors?: Readonly<Record<string, string>>;
}

export function ok<T>(data: T): { readonly ok: true; readonly data: T } {
  return { ok: true, data };
}

export function fail<Code extends string>(
  code: Code,
  message: string,
  fieldErrors?: Readonly<Record<string, string>>,
): { readonly ok: false; readonly error: ResultError<Code> } {
  return { ok: false, error: fieldErrors ? { code, message, fieldErrors } : { code, message } };
}
