// 7: the JavaScript a browser downloads to show /calls for the first time: every script the
// production build's HTML for the page references, gzipped one by one as a server would send them.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startSecurityTarget } from '../security/support/security-console';
import type { Benchmark, BenchOutcome } from './benchmark';
import { formatNumber } from './stats';

const TARGET_KIB = 200;
const STATIC_PREFIX = '/_next/static/';

/**
 * Every script the page makes a browser download (each <script src> and preloaded script, once),
 * apart from `noModule` ones (Next's legacy polyfills), which only browsers without ES modules fetch.
 */
function scriptSources(html: string): { readonly loaded: string[]; readonly legacyOnly: string[] } {
  const loaded = new Set<string>();
  const legacyOnly = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>/g)) {
    const attributes = match[1] ?? '';
    const source = /\bsrc="([^"]+)"/.exec(attributes)?.[1]?.replace(/&amp;/g, '&');
    if (source) (/\bnoModule\b/i.test(attributes) ? legacyOnly : loaded).add(source);
  }
  // A script preloaded for later is downloaded with the page all the same.
  for (const match of html.matchAll(/<link\b([^>]*)>/g)) {
    const attributes = match[1] ?? '';
    const href = /\bhref="([^"]+)"/.exec(attributes)?.[1]?.replace(/&amp;/g, '&');
    if (href && /\brel="(preload|modulepreload)"/.test(attributes) && (/\bas="script"/.test(attributes) || /modulepreload/.test(attributes))) loaded.add(href);
  }
  return { loaded: [...loaded], legacyOnly: [...legacyOnly].filter((source) => !loaded.has(source)) };
}

interface Sizes {
  readonly raw: number;
  readonly gzipped: number;
}

/** The files the build wrote for these URLs (what `next start` serves), each gzipped on its own. */
async function measure(repoRoot: string, baseUrl: string, sources: readonly string[]): Promise<Sizes> {
  let raw = 0;
  let gzipped = 0;
  for (const source of sources) {
    const pathname = new URL(source, baseUrl).pathname;
    if (!pathname.startsWith(STATIC_PREFIX)) throw new Error(`a script outside the build's static files: ${pathname}`);
    const bytes = await readFile(path.join(repoRoot, '.next', 'static', decodeURIComponent(pathname.slice(STATIC_PREFIX.length))));
    raw += bytes.byteLength;
    gzipped += gzipSync(bytes).byteLength;
  }
  return { raw, gzipped };
}

const kib = (bytes: number) => `${formatNumber(bytes / 1024, 1)} KiB`;

/** Inline <script> bodies (the RSC payload Next streams into the page), for context. */
function inlineScriptBytes(html: string): number {
  return [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce((sum, match) => sum + Buffer.byteLength(match[1] ?? ''), 0);
}

export const firstLoadJsBenchmark: Benchmark = {
  id: '7',
  title: 'First-load JavaScript of /calls, gzip',
  async run({ repoRoot, log }): Promise<BenchOutcome> {
    log('  building if stale, starting next start…');
    const target = await startSecurityTarget({ simulator: { recordBodies: false } });
    try {
      const cookie = await target.sessionCookie('viewer');
      const response = await fetch(`${target.url}/calls`, { headers: { cookie } });
      const html = await response.text();
      if (response.status !== 200 || !html.includes('<html')) throw new Error(`/calls answered HTTP ${response.status}`);
      const { loaded, legacyOnly } = scriptSources(html);
      const first = await measure(repoRoot, target.url, loaded);
      const legacy = await measure(repoRoot, target.url, legacyOnly);
      return {
        rows: [
          { label: `${loaded.length} scripts the /calls HTML loads or preloads`, console: `${kib(first.gzipped)} gzip`, baseline: '—', comparison: `${kib(first.raw)} before compression` },
          {
            label: `${legacyOnly.length} noModule script(s): polyfills only browsers without ES modules fetch (context, not counted)`,
            console: `${kib(legacy.gzipped)} gzip`,
            baseline: '—',
            comparison: `${kib(legacy.raw)} before compression`,
          },
          {
            label: 'inline scripts in the HTML (the RSC payload; context, not counted)',
            console: kib(inlineScriptBytes(html)),
            baseline: '—',
            comparison: `HTML ${kib(Buffer.byteLength(html))} in all`,
          },
        ],
        targets: [
          { what: 'first-load JavaScript of /calls', target: `≤ ${TARGET_KIB} KB gzip`, figure: `${kib(first.gzipped)}`, met: first.gzipped / 1024 <= TARGET_KIB },
        ],
        notes: [
          'The HTML of `/calls` as `next start` serves it to a signed-in viewer; every `<script src>` in it that a browser with ES modules fetches, read from `.next/static`, gzipped one by one with zlib (default level 6), summed. The `noModule` polyfills are left out of the sum (every browser the console supports skips them) but shown. No baseline: the target is absolute. 1 KiB = 1,024 bytes, the stricter reading of "KB".',
        ],
      };
    } finally {
      await target.stop();
    }
  },
};
