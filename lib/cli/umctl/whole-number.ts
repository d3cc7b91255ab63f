import { UsageError } from './usage-error';

/** Parses a flag or variable that must be a whole number within bounds, e.g. `--timeout-ms`. */
export function parseWholeNumber(
  label: string,
  value: string,
  unit: 'milliseconds' | 'bytes',
  min: number,
  max: number,
): number {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) {
    throw new UsageError(`${label} must be a whole number of ${unit}, got "${value.slice(0, 40)}".`);
  }
  const number = Number(trimmed);
  if (number < min || number > max) {
    throw new UsageError(`${label} must be from ${min} to ${max} ${unit}, got ${trimmed.slice(0, 40)}.`);
  }
  return number;
}
