import { formatAgo } from './format';

/** "4 s ago", with the ISO 8601 time (UTC) in the title and the datetime attribute. */
export function RelativeTime({ at, now }: { readonly at: number; readonly now: number }) {
  const iso = new Date(at).toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {formatAgo(now - at)}
    </time>
  );
}
