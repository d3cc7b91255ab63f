/**
 * Reads a time-range bound typed by a person or kept in a URL: a date (2025-03-01) or a date and
 * time (2025-03-01T14:05, seconds and a zone optional; no zone means UTC). A bound covers the
 * whole unit it names: "to 2025-03-01" includes that day, "to 14:05" includes that minute.
 */
export function parseTimeBound(text: string, side: 'from' | 'to'): number | undefined {
  const trimmed = text.trim();
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (date) {
    const start = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    if (!isSameDate(start, trimmed)) return undefined;
    return side === 'from' ? start : start + 86_400_000;
  }
  // An unencoded "+02:00" in a URL arrives as " 02:00": read it as the "+" it was.
  const time = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/i.exec(
    trimmed.replace(/(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?) (\d{2}:\d{2})$/, '$1+$2'),
  );
  if (!time) return undefined;
  const [, day = '', hm = '', seconds, fraction, zone] = time;
  const instant = Date.parse(`${day}T${hm}${seconds ?? ':00'}${zone ? zone.toUpperCase() : 'Z'}`);
  if (Number.isNaN(instant) || !isSameDate(Date.parse(`${day}T00:00:00Z`), day)) return undefined;
  if (side === 'from') return instant;
  const unit = fraction ? 1 : seconds ? 1_000 : 60_000;
  return instant + unit;
}

/** Rejects dates that Date would roll over, such as 2025-02-30. */
function isSameDate(epochMs: number, day: string): boolean {
  return !Number.isNaN(epochMs) && new Date(epochMs).toISOString().slice(0, 10) === day.slice(0, 10);
}
