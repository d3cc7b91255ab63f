/** What a page's `searchParams`, a route's `URL.searchParams` or a test hands to the parsers. */
export type SearchParamsInput = URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

/** One value per name (the first, when a name repeats); blank values count as absent. */
export function flattenSearchParams(input: SearchParamsInput): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  const keep = (name: string, value: string | undefined) => {
    if (flat[name] === undefined && value !== undefined && value.trim() !== '') flat[name] = value;
  };
  if (input instanceof URLSearchParams) {
    for (const [name, value] of input) keep(name, value);
  } else {
    for (const [name, value] of Object.entries(input)) keep(name, typeof value === 'string' ? value : value?.[0]);
  }
  return flat;
}

/** The same query with a different cursor: the link to the next page keeps every filter. */
export function withCursor(input: SearchParamsInput, cursor: number | null): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(flattenSearchParams(input))) {
    if (name !== 'cursor' && value !== undefined) params.set(name, value);
  }
  if (cursor !== null) params.set('cursor', String(cursor));
  return params;
}
