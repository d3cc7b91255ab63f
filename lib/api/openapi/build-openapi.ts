import { z } from 'zod';
import { errorResponseSchema } from '../schemas';
import { API_OPERATIONS, type ApiOperation, type ApiResponseSpec } from './api-operations';

type JsonObject = Record<string, unknown>;

/** Names for the schemas in components.schemas, so the document refers instead of repeating. */
function componentRegistry() {
  const registry = z.registry<{ id: string }>();
  const seen = new Set<z.ZodType>();
  const add = (schema: z.ZodType, id: string) => {
    if (seen.has(schema)) return;
    seen.add(schema);
    registry.add(schema, { id });
  };
  add(errorResponseSchema, 'Error');
  for (const op of API_OPERATIONS) {
    const name = op.operationId.charAt(0).toUpperCase() + op.operationId.slice(1);
    if (op.requestBody) add(op.requestBody, `${name}Request`);
    for (const [status, spec] of Object.entries(op.responses)) {
      if (spec.body instanceof z.ZodType) add(spec.body, Number(status) < 400 ? `${name}Response` : `${name}Failure`);
    }
  }
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, target: 'draft-2020-12' });
  const ids = new Map<z.ZodType, string>();
  for (const schema of seen) {
    const id = registry.get(schema)?.id;
    if (id) ids.set(schema, id);
  }
  const cleaned = Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _s, $id: _i, ...rest } = schema as JsonObject;
      return [id, rest];
    }),
  );
  return { schemas: cleaned, ids };
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

function responseObject(spec: ApiResponseSpec, ids: Map<z.ZodType, string>): JsonObject {
  if (spec.body instanceof z.ZodType) {
    return { description: spec.description, content: { 'application/json': { schema: ref(ids.get(spec.body) ?? 'Error') } } };
  }
  if (spec.body) {
    return { description: spec.description, content: Object.fromEntries(spec.body.mediaTypes.map((type) => [type, {}])) };
  }
  return { description: spec.description, content: { 'application/json': { schema: ref('Error') } } };
}

function operationObject(op: ApiOperation, ids: Map<z.ZodType, string>): JsonObject {
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: `Roles: ${op.roles}.`,
    ...(op.parameters ? { parameters: op.parameters } : {}),
    ...(op.requestBody
      ? { requestBody: { required: true, content: { 'application/json': { schema: ref(ids.get(op.requestBody) ?? '') } } } }
      : {}),
    // Every operation can be throttled (API_RATE_LIMIT_PER_MINUTE per caller).
    responses: Object.fromEntries(
      Object.entries({ ...op.responses, 429: { description: 'Too many requests; see Retry-After.' } }).map(([status, spec]) => [
        status,
        responseObject(spec, ids),
      ]),
    ),
  };
}

/** The OpenAPI 3.1 document for /api/v1, built from the same zod schemas the routes validate with. */
export function buildOpenApiDocument(): JsonObject {
  const { schemas, ids } = componentRegistry();
  const paths: Record<string, JsonObject> = {};
  for (const op of API_OPERATIONS) {
    paths[op.path] = { ...paths[op.path], [op.method.toLowerCase()]: operationObject(op, ids) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'UM Call Console API',
      version: '1',
      description:
        'Track and disconnect Exchange UM Play-on-Phone calls and read the audit log. Authenticate with ' +
        '"Authorization: Bearer <token>" (an administrator creates tokens under Settings → API tokens or with ' +
        '`npm run admin -- create-token`). Errors are {"error": {"code", "message"}}; 400s add "field".',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    paths,
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}
