// What the production build serves, read from its own manifests rather than a hand list: a page,
// route handler or server action added later is attacked without anyone updating these tests.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encodeCallId } from '../../../lib/um/call-id';

export interface BuiltPath {
  readonly kind: 'page' | 'route';
  /** As the build names it, e.g. /calls/[callId]. */
  readonly pattern: string;
  /** A concrete path with sample values in the dynamic segments. */
  readonly path: string;
}

export interface BuiltAction {
  readonly id: string;
  /** The exported function's name, e.g. disconnectCallAction. */
  readonly name: string;
  /** Paths of the pages whose bundles hold the action (where the browser posts it). */
  readonly pagePaths: readonly string[];
}

/** Sample values that look real to the code behind each dynamic segment; anything else gets `sample`. */
const SAMPLE_SEGMENTS: Readonly<Record<string, string>> = {
  callId: encodeCallId(randomUUID(), 'um-sample.contoso.test'),
  batchId: randomUUID(),
  attemptId: randomUUID(),
  seq: '1',
  nextauth: 'session',
  path: 'sample/path',
};

/** The public exceptions: signed-out people must reach these (sign-in page, next-auth endpoints). */
export const PUBLIC_PATTERNS: readonly string[] = ['/sign-in', '/api/auth/[...nextauth]', '/icon.svg'];

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(path.join(process.cwd(), '.next', file), 'utf8'));
}

/** /calls/[callId] → /calls/<a CallId>; optional and catch-all segments get their sample too. */
export function samplePath(pattern: string): string {
  const segments = pattern.split('/').map((segment) => {
    const name = /^\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}$/.exec(segment)?.[1];
    if (name === undefined) return segment;
    return (SAMPLE_SEGMENTS[name] ?? 'sample').split('/').map(encodeURIComponent).join('/');
  });
  return segments.join('/') || '/';
}

/** Every App Router page and route handler, and the Pages Router's built pages (e.g. /500). */
export function listBuiltPaths(): BuiltPath[] {
  const app = readJson('app-path-routes-manifest.json') as Record<string, string>;
  const built: BuiltPath[] = Object.entries(app).map(([entry, pattern]) => ({
    kind: entry.endsWith('/route') ? 'route' : 'page',
    pattern,
    path: samplePath(pattern),
  }));
  const pages = readJson(path.join('server', 'pages-manifest.json')) as Record<string, string>;
  for (const pattern of Object.keys(pages)) {
    // The Pages Router's own shell modules are not addressable pages.
    if (['/_app', '/_document', '/_error'].includes(pattern)) continue;
    built.push({ kind: 'page', pattern, path: samplePath(pattern) });
  }
  return built.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

interface ReferenceManifest {
  readonly node: Record<string, { readonly workers: Record<string, unknown>; readonly exportedName?: string }>;
}

/** Every server action of the Node.js runtime, with the pages that carry it. */
export function listBuiltActions(): BuiltAction[] {
  const manifest = readJson(path.join('server', 'server-reference-manifest.json')) as ReferenceManifest;
  return Object.entries(manifest.node)
    .map(([id, entry]) => ({
      id,
      name: entry.exportedName ?? id,
      // "app/calls/batches/[batchId]/page" → /calls/batches/<uuid>
      pagePaths: Object.keys(entry.workers).map((worker) => samplePath(worker.replace(/^app/, '').replace(/\/page$/, '') || '/')),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
