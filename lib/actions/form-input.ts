import { z } from 'zod';

// Shared by the 'use server' files: reading FormData as untrusted input.

/** Far above any real field (a CallId is at most 1420 characters); the domain applies the exact limits. */
export const MAX_FIELD_CHARS = 4096;

/** A text field of any form: a string, capped so an oversized post is refused without being echoed. */
export const formTextSchema = z.string().max(MAX_FIELD_CHARS, 'This is far too long.');

/** The raw fields of a form, as zod gets them: a missing field is undefined, a file stays a file (and fails). */
export function formFields<F extends string>(form: FormData, names: readonly F[]): Record<F, FormDataEntryValue | undefined> {
  return Object.fromEntries(names.map((name) => [name, form.get(name) ?? undefined])) as Record<F, FormDataEntryValue | undefined>;
}

/** What the person typed, to put back into the form after an error (React resets uncontrolled fields). */
export function echoFields<F extends string>(form: FormData, names: readonly F[]): Record<F, string> {
  return Object.fromEntries(
    names.map((name) => {
      const value = form.get(name);
      return [name, typeof value === 'string' ? value.slice(0, MAX_FIELD_CHARS) : ''];
    }),
  ) as Record<F, string>;
}

/** zod's issues as one sentence per known field. */
export function zodFieldErrors<F extends string>(error: z.ZodError, fields: readonly F[]): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if ((fields as readonly string[]).includes(field)) errors[field as F] ??= issue.message;
  }
  return errors;
}

/** A domain result's field errors, limited to the fields this form has. */
export function pickFieldErrors<F extends string>(
  errors: Readonly<Record<string, string>> | undefined,
  fields: readonly F[],
): Partial<Record<F, string>> {
  const picked: Partial<Record<F, string>> = {};
  for (const field of fields) {
    const message = errors?.[field];
    if (message !== undefined) picked[field] = message;
  }
  return picked;
}

export const UNREADABLE_FORM = 'The form could not be read; check the fields marked.';
