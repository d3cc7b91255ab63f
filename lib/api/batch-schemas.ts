import { z } from 'zod';
import { DISCONNECT_OUTCOMES } from '../audit/types';
import { BATCH_ITEM_STATUSES, BATCH_STATUSES } from '../calls/bulk/batch-types';
import { MAX_BATCH_CALLS } from '../calls/bulk/resolve-selection';

// The bulk disconnect API's bodies, in and out (see schemas.ts for the rest).

const nullableString = z.string().nullable();
const nullableNumber = z.number().nullable();

export const bulkDisconnectBodySchema = z.object({
  callIds: z
    .array(z.string({ error: 'callIds: every CallId is text.' }), { error: 'callIds: a list of CallIds is required.' })
    .min(1, 'callIds: list at least one CallId.')
    .max(MAX_BATCH_CALLS, `callIds: at most ${MAX_BATCH_CALLS} CallIds per batch.`)
    .describe('Tracked, not-ended CallIds; repeats count once.'),
  reason: z
    .string({ error: 'reason: enter a reason; it is kept in the audit log with every disconnect of the batch.' })
    .describe('Why the calls are being ended (required, at most 500 characters); kept with every attempt.'),
  expectedCount: z
    .number({ error: 'expectedCount: the number of calls, as a whole number.' })
    .int('expectedCount: a whole number.')
    .nullable()
    .optional()
    .describe('The number of calls, as a typed confirmation: required above 10 calls, and must match when given.'),
});

export const batchStartedResponseSchema = z.object({
  batchId: z.string(),
  total: z.number(),
  status: z.enum(BATCH_STATUSES),
  statusUrl: z.string().describe('GET it for progress: /api/v1/batches/{batchId}.'),
});

const batchItemSchema = z.object({
  position: z.number(),
  callId: z.string(),
  label: nullableString,
  status: z.enum(BATCH_ITEM_STATUSES),
  outcome: z.enum(DISCONNECT_OUTCOMES).nullable(),
  message: nullableString,
  faultCode: nullableString,
  errorCode: nullableString.describe("Why the workflow refused the call (status skipped), e.g. 'in-progress'."),
  attemptId: nullableString,
  auditSeq: nullableNumber,
  startedAt: nullableNumber,
  finishedAt: nullableNumber,
});

const countsOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.object(Object.fromEntries(values.map((value) => [value, z.number()])) as Record<T[number], z.ZodNumber>);

export const batchResponseSchema = z.object({
  batch: z.object({
    batchId: z.string(),
    status: z.enum(BATCH_STATUSES),
    statusMessage: nullableString.describe('Why it paused, was cancelled or interrupted.'),
    reason: z.string(),
    createdAt: z.number(),
    createdByEmail: z.string(),
    updatedAt: z.number(),
    finishedAt: nullableNumber,
    counts: z.object({
      total: z.number(),
      settled: z.number().describe('Items done, skipped or cancelled.'),
      byStatus: countsOf(BATCH_ITEM_STATUSES),
      byOutcome: countsOf(DISCONNECT_OUTCOMES),
    }),
    items: z.array(batchItemSchema),
  }),
});
