// The OpenAPI document against the real routes: every route file under app/api/v1 is documented
// with exactly the methods it answers, and every documented path and method has a route.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { HTTP_METHODS, REFUSES_METHOD } from '../../lib/api/method-not-allowed';
import { buildOpenApiDocument } from '../../lib/api/openapi/build-openapi';

const API_ROOT = path.resolve('app/api/v1');

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

/** app/api/v1/calls/[callId]/route.ts → /calls/{callId}; the optional catch-all is marked. */
function openApiPath(file: string): { path: string; catchAll: boolean } {
  const segments = path.relative(API_ROOT, path.dirname(file)).split(path.sep).filter(Boolean);
  const catchAll = segments.some((segment) => segment.startsWith('[...') || segment.startsWith('[[...'));
  return { path: `/${segments.map((s) => s.replace(/^\[(\w+)\]$/, '{$1}')).join('/')}`, catchAll };
}

async function routeMethods(): Promise<{ real: Set<string>; catchAlls: string[] }> {
  const real = new Set<string>();
  const catchAlls: string[] = [];
  for (const file of routeFiles(API_ROOT)) {
    const where = openApiPath(file);
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      const handler = mod[method];
      if (typeof handler !== 'function') continue;
      const refuses = (handler as { [REFUSES_METHOD]?: true })[REFUSES_METHOD] === true;
      if (where.catchAll) {
        assert.ok(refuses, `the catch-all ${file} only answers 404, but its ${method} is a real handler`);
        catchAlls.push(`${method} ${where.path}`);
      } else if (!refuses) {
        real.add(`${method} ${where.path}`);
      }
    }
  }
  return { real, catchAlls };
}

function documented(): Set<string> {
  const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, unknown>> };
  const found = new Set<string>();
  for (const [route, operations] of Object.entries(doc.paths)) {
    for (const method of Object.keys(operations)) found.add(`${method.toUpperCase()} ${route}`);
  }
  return found;
}

test('every route under app/api/v1 is in the OpenAPI document with its methods, and nothing documented is missing', async () => {
  const { real, catchAlls } = await routeMethods();
  const doc = documented();
  assert.ok(real.size >= 7, `found only ${[...real].join(', ')}`);
  assert.deepEqual([...real].filter((entry) => !doc.has(entry)).sort(), [], 'routes missing from the document');
  assert.deepEqual([...doc].filter((entry) => !real.has(entry)).sort(), [], 'documented operations without a route');
  assert.equal(catchAlls.length, HTTP_METHODS.length, 'the catch-all answers every method with JSON 404');
});

test('the document is OpenAPI 3.1 and every $ref points at a schema it defines', () => {
  const doc = buildOpenApiDocument() as { openapi: string; components: { schemas: Record<string, unknown> } };
  assert.equal(doc.openapi, '3.1.0');
  const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] ?? '');
  assert.ok(refs.length > 5);
  for (const ref of refs) assert.ok(ref in doc.components.schemas, `missing schema ${ref}`);
});

test('a wrong method on a real route answers JSON 405 with Allow, and an unknown path JSON 404', async () => {
  const calls = (await import(pathToFileURL(path.join(API_ROOT, 'calls/route.ts')).href)) as Record<string, (r: Request) => Promise<Response>>;
  const put = await calls.PUT!(new Request('http://127.0.0.1/api/v1/calls', { method: 'PUT' }));
  assert.equal(put.status, 405);
  assert.equal(put.headers.get('allow'), 'GET, POST');
  assert.equal(((await put.json()) as { error: { code: string } }).error.code, 'method-not-allowed');
  const other = (await import(pathToFileURL(path.join(API_ROOT, '[[...path]]/route.ts')).href)) as Record<string, (r: Request) => Promise<Response>>;
  const missing = await other.GET!(new Request('http://127.0.0.1/api/v1/nothing/here'));
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'not-found');
});
