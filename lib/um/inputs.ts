import { UmInputError } from './errors';
import { GREETING_TYPES, type GreetingType } from './operations';

// Checks for the non-CallId inputs of PlayOnPhone and PlayOnPhoneGreeting, run before any XML is built.

const MAX_ENTRY_ID_LENGTH = 4096;
const MAX_DIAL_STRING_LENGTH = 256;

export function checkEntryId(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return 'Enter the entry ID of a voice mail item.';
  if (value.length > MAX_ENTRY_ID_LENGTH) return `An entry ID is at most ${MAX_ENTRY_ID_LENGTH} characters.`;
  if (!/^[A-Za-z0-9+/=]+$/.test(value)) return 'An entry ID contains only letters, digits, "+", "/" and "=".';
  return undefined;
}

export function checkDialString(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim().length === 0) return 'Enter the number to dial.';
  if (value.length > MAX_DIAL_STRING_LENGTH) return `A dial string is at most ${MAX_DIAL_STRING_LENGTH} characters.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\ud800-\udfff\ufffe\uffff]/.test(value)) return 'A dial string cannot contain control characters.';
  return undefined;
}

export function validateEntryId(value: string): string {
  const problem = checkEntryId(value);
  if (problem) throw new UmInputError('entryId', problem);
  return value;
}

export function validateDialString(value: string): string {
  const problem = checkDialString(value);
  if (problem) throw new UmInputError('dialString', problem);
  return value.trim();
}

export function validateGreetingType(value: string): GreetingType {
  if (!(GREETING_TYPES as readonly string[]).includes(value)) {
    throw new UmInputError('greetingType', `The greeting type must be ${GREETING_TYPES.join(' or ')}.`);
  }
  return value as GreetingType;
}
