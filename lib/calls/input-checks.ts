// Checks of what people type, run before anything is stored or sent. Each returns the value to use
// or a sentence saying what is wrong, for the form field of the same name.

export const MAX_LABEL_LENGTH = 100;
export const MAX_REASON_LENGTH = 500;

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- as above, with the newline allowed
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

/** An optional label: trimmed, blank means none, at most 100 characters on one line. */
export function checkLabel(value: unknown): Checked<string | null> {
  if (value === undefined || value === null) return { ok: true, value: null };
  if (typeof value !== 'string') return { ok: false, problem: 'A label must be text.' };
  const label = value.trim();
  if (label === '') return { ok: true, value: null };
  if (label.length > MAX_LABEL_LENGTH) {
    return { ok: false, problem: `A label is at most ${MAX_LABEL_LENGTH} characters; this one has ${label.length}.` };
  }
  if (CONTROL.test(label)) return { ok: false, problem: 'A label is one line of text without control characters.' };
  return { ok: true, value: label };
}

/** A required reason: trimmed, at most 500 characters; line breaks are kept, other control characters refused. */
export function checkReason(value: unknown): Checked<string> {
  if (typeof value !== 'string' || value.trim() === '') {
    return { ok: false, problem: 'Enter a reason: it is kept in the audit log with the disconnect.' };
  }
  const reason = value.replace(/\r\n?/g, '\n').trim();
  if (reason.length > MAX_REASON_LENGTH) {
    return { ok: false, problem: `A reason is at most ${MAX_REASON_LENGTH} characters; this one has ${reason.length}.` };
  }
  if (CONTROL_EXCEPT_NEWLINE.test(reason)) return { ok: false, problem: 'A reason cannot contain control characters.' };
  return { ok: true, value: reason };
}

/** A CallId as pasted: surrounding spaces removed (base64 never has any). */
export function normalizeCallId(value: unknown): unknown {
  return typeof value === 'string' ? value.trim() : value;
}
