import { z } from 'zod';
import { AUDIT_ACTIONS, DISCONNECT_OUTCOMES } from '../audit/types';
import { AUDIT_OUTCOMES } from '../audit/audit-filter';
import { STUCK_RULE_IDS } from '../calls/stuck/stuck-rules';

// The API's bodies, in and out. Request schemas validate; response schemas document (and the
// tests hold real answers against them), and both feed the OpenAPI document.

const callIdSchema = z
  .string({ error: 'callId: the CallId is required, as text.' })
  .trim()
  .min(1, 'callId: the CallId is required.')
  .max(1420, 'callId: a CallId has at most 1420 characters.')
  .regex(/^[A-Za-z0-9+/=]+$/, 'callId: a CallId uses only letters, digits, "+", "/" and "=".')
  .describe('The opaque CallId handed out by PlayOnPhone (base64 alphabet, at most 1420 characters).');

export const trackCallBodySchema = z.object({
  callId: callIdSchema,
  label: z.string({ error: 'label: a label must be text.' }).max(100, 'label: at most 100 characters.').nullable().optional(),
});

export const disconnectBodySchema = z.object({
  reason: z
    .string({ error: 'reason: enter a reason; it is kept in the audit log with the disconnect.' })
    .describe('Why the call is being ended (required, at most 500 characters); kept in the audit log.'),
});

const nullableString = z.string().nullable();
const nullableNumber = z.number().nullable();

export const callRowSchema = z.object({
  callId: z.string(),
  label: nullableString,
  server: nullableString.describe('The UM server decoded from the CallId, when it has the documented shape.'),
  addedByEmail: nullableString,
  addedVia: z.enum(['browser', 'api', 'test-call', 'demo']),
  addedAt: z.number().describe('Epoch milliseconds (UTC).'),
  state: nullableString,
  stateLabel: z.string(),
  causeLabel: nullableString,
  stateSince: nullableNumber,
  lastCheckedAt: nullableNumber,
  lastError: nullableString,
  consecutiveFailures: z.number(),
  ended: z.boolean(),
  endedAt: nullableNumber,
  endReason: z.enum(['disconnected', 'gone']).nullable(),
  disconnectInProgress: z.boolean(),
  lastDisconnect: z
    .object({
      attemptId: z.string(),
      outcome: z.enum(DISCONNECT_OUTCOMES),
      at: z.number().describe('When the outcome was settled (epoch ms).'),
      acceptedAt: nullableNumber.describe('When the UM service took the hang-up (epoch ms); null when it did not.'),
    })
    .nullable()
    .describe('The latest disconnect attempt; null before the first.'),
  stuck: z
    .object({
      rule: z.enum(STUCK_RULE_IDS),
      text: z.string().describe('e.g. "Connected 42 min > 30 min".'),
    })
    .nullable()
    .describe('Why the call counts as stuck under the stuck-call rules; null when it does not.'),
});

export const callsResponseSchema = z.object({ calls: z.array(callRowSchema) });
export const callResponseSchema = z.object({ call: callRowSchema });
export const trackCallResponseSchema = z.object({
  call: callRowSchema,
  alreadyTracked: z.boolean(),
  note: nullableString,
});

export const disconnectResponseSchema = z.object({
  outcome: z.enum(DISCONNECT_OUTCOMES),
  auditId: z.number().describe('seq of the disconnect.requested audit event.'),
  attemptId: z.string().describe('Links disconnect.requested with disconnect.completed in the audit log.'),
  message: z.string(),
  faultCode: nullableString,
  umLatencyMs: nullableNumber,
  endLatencyMs: nullableNumber,
});

export const auditEventSchema = z.object({
  seq: z.number(),
  at: z.string().describe('ISO 8601, UTC.'),
  actorId: nullableString,
  actorEmail: nullableString,
  actorRole: nullableString,
  authMethod: z.string().describe("'session', 'token:<name>', 'cli', 'password' or 'system'."),
  sourceIp: nullableString,
  userAgent: nullableString,
  action: z.enum(AUDIT_ACTIONS),
  targetCallId: nullableString,
  callLabel: nullableString.optional(),
  reason: nullableString,
  outcome: z.enum(AUDIT_OUTCOMES as [string, ...string[]]).nullable(),
  faultCode: nullableString,
  faultText: nullableString,
  umLatencyMs: nullableNumber,
  endLatencyMs: nullableNumber,
  attemptId: nullableString,
  batchId: nullableString,
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const disconnectAttemptSchema = z.object({
  attemptId: z.string(),
  seq: z.number(),
  status: z.enum(['in-progress', 'completed', 'denied']),
  outcome: nullableString,
  callLabel: nullableString,
  requested: auditEventSchema,
  completed: auditEventSchema.nullable(),
});

export const auditListResponseSchema = z.object({
  tab: z.enum(['disconnects', 'events']),
  items: z.array(z.union([disconnectAttemptSchema, auditEventSchema])),
  nextCursor: nullableNumber.describe('Pass as `cursor` for the next (older) page; null on the last page.'),
});

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().describe('A sentence for a person.'),
    field: z.string().optional().describe('For 400: the first field that needs fixing.'),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

/** A UM failure during a disconnect (502/504): the error, and the attempt as it was recorded. */
export const disconnectFailureSchema = errorResponseSchema.extend(disconnectResponseSchema.shape);
