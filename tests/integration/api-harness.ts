// The API's integration set-up: the calls harness (a test database + simulator over loopback), one
// user and token per role, and requests built the way a client sends them.
import assert from 'node:assert/strict';
import type { ApiContext } from '../../lib/api/api-context';
import type { Role } from '../../lib/auth/roles';
import { createApiToken } from '../../lib/auth/tokens/api-tokens';
import { createUser, type UserDto } from '../../lib/auth/users';
import { startHarness, type DatabaseKind, type Harness, type HarnessOptions } from './calls-harness';

export const ORIGIN = 'http://127.0.0.1:3999';

export interface ApiHarness extends Harness {
  readonly ctx: ApiContext;
  readonly users: Readonly<Record<Role, UserDto>>;
  readonly tokens: Readonly<Record<Role, string>>;
}

const ROLES: readonly Role[] = ['viewer', 'operator', 'auditor', 'admin'];

export async function startApiHarness(kind: DatabaseKind, options: HarnessOptions = {}): Promise<ApiHarness> {
  const h = await startHarness(kind, options);
  const users = {} as Record<Role, UserDto>;
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) {
    const created = await createUser(h.database.db, { email: `${role}@api.test`, displayName: role, role, password: `${role} password long` });
    assert.ok(created.ok);
    users[role] = created.data;
    const token = await createApiToken(h.database.db, { userId: created.data.id, name: `${role}-script`, createdBy: 'test' });
    assert.ok(token.ok);
    tokens[role] = token.data.token;
  }
  return { ...h, ctx: { calls: h.deps, auth: { db: h.database.db } }, users, tokens };
}

export function apiRequest(
  method: string,
  path: string,
  options: { token?: string; json?: unknown; body?: string; contentType?: string; headers?: Record<string, string> } = {},
): Request {
  const headers: Record<string, string> = { 'user-agent': 'api-test', ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = options.contentType ?? 'application/json';
  } else if (options.contentType) {
    headers['content-type'] = options.contentType;
  }
  return new Request(`${ORIGIN}/api/v1${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
}

export const callPath = (callId: string) => `/calls/${encodeURIComponent(callId)}`;

/** The JSON error body, checked for the documented shape. */
export async function errorOf(response: Response): Promise<{ code: string; message: string; field?: string }> {
  assert.match(response.headers.get('content-type') ?? '', /application\/json/);
  const body = (await response.json()) as { error?: { code: string; message: string; field?: string } };
  assert.ok(body.error, `expected an error body, got ${JSON.stringify(body)}`);
  assert.equal(typeof body.error.code, 'string');
  assert.ok(body.error.message.length > 10, 'the message is a sentence');
  return body.error;
}
