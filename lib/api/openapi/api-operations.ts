import type { z } from 'zod';
import { exportManifestSchema } from '../../audit/export/export-manifest';
import type { HttpMethod } from '../method-not-allowed';
import { BATCH_OPERATIONS } from './batch-operations';
import {
  auditListResponseSchema,
  callResponseSchema,
  callsResponseSchema,
  disconnectBodySchema,
  disconnectFailureSchema,
  disconnectResponseSchema,
  trackCallBodySchema,
  trackCallResponseSchema,
} from '../schemas';

export interface ApiParameter {
  readonly name: string;
  readonly in: 'path' | 'query';
  readonly description: string;
  readonly required?: boolean;
  readonly schema: Readonly<Record<string, unknown>>;
}

export interface ApiResponseSpec {
  readonly description: string;
  /** A JSON body described by a schema, or another media type written out. */
  readonly body?: z.ZodType | { readonly mediaTypes: readonly string[] };
}

export interface ApiOperation {
  /** OpenAPI form, relative to /api/v1: "/calls/{callId}". */
  readonly path: string;
  readonly method: HttpMethod;
  readonly operationId: string;
  readonly summary: string;
  readonly roles: string;
  readonly parameters?: readonly ApiParameter[];
  readonly requestBody?: z.ZodType;
  readonly responses: Readonly<Record<number, ApiResponseSpec>>;
}

const text = { type: 'string' } as const;
const callIdParam: ApiParameter = {
  name: 'callId',
  in: 'path',
  required: true,
  description: 'The CallId, URL-encoded ("/" as %2F, "+" as %2B, "=" as %3D).',
  schema: { type: 'string', maxLength: 1420, pattern: '^[A-Za-z0-9+/=]+$' },
};

const AUDIT_FILTER: readonly ApiParameter[] = [
  { name: 'tab', in: 'query', description: 'disconnects (default: one row per attempt) or events (every event), as on the audit page.', schema: { enum: ['disconnects', 'events'] } },
  { name: 'actor', in: 'query', description: "Part of the actor's email, or an actor id.", schema: text },
  { name: 'action', in: 'query', description: 'One audit action, e.g. disconnect.requested.', schema: text },
  { name: 'outcome', in: 'query', description: 'One outcome, e.g. confirmed, failed, denied.', schema: text },
  { name: 'callId', in: 'query', description: 'A CallId or the start of one.', schema: text },
  { name: 'from', in: 'query', description: 'Start (inclusive): 2025-03-01 or 2025-03-01T14:05Z.', schema: text },
  { name: 'to', in: 'query', description: 'End (covering the unit named): 2025-03-01 or 2025-03-01T14:05Z.', schema: text },
  { name: 'q', in: 'query', description: "Words in the reason, the call's label, the actor's email or the fault text.", schema: text },
];

const EXPORT_PARAMETERS: readonly ApiParameter[] = [
  { name: 'format', in: 'query', description: 'csv (default) or ndjson.', schema: { enum: ['csv', 'ndjson'] } },
  ...AUDIT_FILTER,
  {
    name: 'through',
    in: 'query',
    description:
      'Pin: no entry above this seq (default: the newest entry when the request starts). Give the export and its manifest the same value so they describe the same rows.',
    schema: { type: 'integer', minimum: 1 },
  },
];

// Every failure answers with the error body; listed per operation so clients know what to expect.
const e = (description: string): ApiResponseSpec => ({ description });

/** The REST API, operation by operation: the source of /api/v1/openapi.json. */
export const API_OPERATIONS: readonly ApiOperation[] = [
  {
    path: '/calls',
    method: 'GET',
    operationId: 'listCalls',
    summary: 'Tracked calls, from the registry (no traffic to the UM service).',
    roles: 'viewer, operator, admin',
    parameters: [{ name: 'view', in: 'query', description: 'active (default), ended or all.', schema: { enum: ['active', 'ended', 'all'] } }],
    responses: { 200: { description: 'The calls.', body: callsResponseSchema }, 400: e('Unknown view.'), 401: e('No or bad token.'), 403: e('Role too low.') },
  },
  {
    path: '/calls',
    method: 'POST',
    operationId: 'trackCall',
    summary: 'Register (track) a CallId; audited as call.track.',
    roles: 'operator, admin',
    requestBody: trackCallBodySchema,
    responses: {
      200: { description: 'Already tracked; nothing changed.', body: trackCallResponseSchema },
      201: { description: 'Tracked, with its first status check.', body: trackCallResponseSchema },
      400: e('Invalid CallId or label (see error.field).'),
      401: e('No or bad token.'),
      403: e('Role too low (audited).'),
      413: e('Body over 16 KiB.'),
      415: e('Body is not application/json.'),
    },
  },
  {
    path: '/calls/{callId}',
    method: 'GET',
    operationId: 'getCall',
    summary: 'One tracked call.',
    roles: 'viewer, operator, admin',
    parameters: [callIdParam],
    responses: { 200: { description: 'The call.', body: callResponseSchema }, 400: e('Invalid CallId.'), 401: e('No or bad token.'), 403: e('Role too low.'), 404: e('Not tracked.') },
  },
  {
    path: '/calls/{callId}/disconnect',
    method: 'POST',
    operationId: 'disconnectCall',
    summary: 'Disconnect a tracked call, verified with GetCallInfo; audited as a requested/completed pair.',
    roles: 'operator, admin',
    parameters: [callIdParam],
    requestBody: disconnectBodySchema,
    responses: {
      200: { description: 'confirmed, accepted or already-ended.', body: disconnectResponseSchema },
      400: e('Invalid CallId or reason (see error.field).'),
      401: e('No or bad token.'),
      403: e('Role too low: nothing is sent, the refusal is audited.'),
      404: e('The call is not tracked.'),
      409: e('A disconnect of this call is already in progress.'),
      413: e('Body over 16 KiB.'),
      415: e('Body is not application/json.'),
      502: { description: 'The UM service refused or failed (outcome failed or unknown).', body: disconnectFailureSchema },
      503: e('The audit log could not be written; nothing was sent.'),
      504: { description: 'The UM service did not answer in time (outcome unknown, or failed if nothing was sent).', body: disconnectFailureSchema },
    },
  },
  ...BATCH_OPERATIONS,
  {
    path: '/audit',
    method: 'GET',
    operationId: 'listAudit',
    summary: "The audit page's filtered view, newest first, one keyset page at a time. Operators see only their own entries.",
    roles: 'auditor, operator (own entries), admin',
    parameters: [
      ...AUDIT_FILTER,
      { name: 'cursor', in: 'query', description: 'nextCursor of the previous page.', schema: { type: 'integer', minimum: 1 } },
      { name: 'limit', in: 'query', description: 'Page size, 1–200 (default 50).', schema: { type: 'integer', minimum: 1, maximum: 200 } },
    ],
    responses: { 200: { description: 'One page.', body: auditListResponseSchema }, 400: e('Invalid filter (see error.field).'), 401: e('No or bad token.'), 403: e('Role too low.') },
  },
  {
    path: '/audit/export',
    method: 'GET',
    operationId: 'exportAudit',
    summary: 'The whole filtered view, newest first, as a streamed CSV or NDJSON download, pinned to `through`; audited as audit.export.',
    roles: 'auditor, operator (own entries), admin',
    parameters: EXPORT_PARAMETERS,
    responses: {
      200: { description: 'CSV (RFC 4180, formula cells neutralised) or NDJSON; times in ISO 8601 UTC.', body: { mediaTypes: ['text/csv', 'application/x-ndjson'] } },
      400: e('Invalid filter, format or through.'),
      401: e('No or bad token.'),
      403: e('Role too low.'),
    },
  },
  {
    path: '/audit/export/manifest',
    method: 'GET',
    operationId: 'exportAuditManifest',
    summary:
      'The Ed25519-signed manifest of the export with the same parameters: filter, through, row count, first/last seq, SHA-256 of the file, chain head. Check it offline with `admin verify-export`.',
    roles: 'auditor, admin',
    parameters: EXPORT_PARAMETERS,
    responses: {
      200: { description: 'The signed manifest (a download named after the export + .manifest.json).', body: exportManifestSchema },
      400: e('Invalid filter, format or through.'),
      401: e('No or bad token.'),
      403: e('Role too low.'),
    },
  },
  {
    path: '/openapi.json',
    method: 'GET',
    operationId: 'getOpenApi',
    summary: 'This document.',
    roles: 'any authenticated caller',
    responses: { 200: { description: 'OpenAPI 3.1.', body: { mediaTypes: ['application/json'] } }, 401: e('No or bad token.') },
  },
];
