/** A point in time in ISO 8601 with its zone (UTC), readable and machine-readable. */
export function IsoTime({ value }: { value: Date | string }) {
  const iso = typeof value === 'string' ? value : value.toISOString();
  return (
    <time dateTime={iso} className="mono">
      {iso}
    </time>
  );
}
