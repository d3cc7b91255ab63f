import { z } from 'zod';
import { fail, ok, type Result } from '../result';
import { flattenSearchParams, type SearchParamsInput } from './search-params';
import { parseTimeBound } from './time-bound';
import { AUDIT_ACTIONS, DISCONNECT_OUTCOMES, type AuditAction, type AuditOutcome } from './types';

export const AUDIT_OUTCOMES: readonly AuditOutcome[] = [...DISCONNECT_OUTCOMES, 'success', 'failure', 'denied', 'throttled'];

/** Which audit rows to show. Every field narrows the result; absent fields do not. */
export interface AuditFilter {
  /** A part of the actor's email (any case), or an actor id exactly. */
  readonly actor?: string;
  readonly action?: AuditAction;
  readonly outcome?: AuditOutcome;
  /** A CallId or the start of one. */
  readonly callId?: string;
  /** The id of a bulk disconnect: only the events of that batch. */
  readonly batchId?: string;
  /** Epoch ms, inclusive. */
  readonly from?: number;
  /** Epoch ms, exclusive. */
  readonly to?: number;
  /** Words found in the reason, the call's label, the actor's email or the fault text. */
  readonly text?: string;
  /**
   * Only this actor's own entries. Never read from the URL: the server sets it for people who may
   * see only what they did themselves.
   */
  readonly onlyActorId?: string;
  /**
   * Only rows up to and including this seq. Never read from the URL as a filter: an export pins
   * itself to the head it started from, so its file and its manifest describe the same rows.
   */
  readonly throughSeq?: number;
}

export interface AuditPage {
  /** Rows older than this seq (the `nextCursor` of the previous page); absent for the first page. */
  readonly cursor?: number;
  readonly limit: number;
}

export const DEFAULT_AUDIT_PAGE_SIZE = 50;
export const MAX_AUDIT_PAGE_SIZE = 200;

const optional = <T extends z.ZodType>(schema: T) => schema.optional();
// No stored text has them, and PostgreSQL refuses a NUL in a query parameter outright.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f-\u009f]*$/;

const timeBound = (side: 'from' | 'to', name: string) =>
  z.string().transform((text, ctx) => {
    const value = parseTimeBound(text, side);
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: `${name}: use a date such as 2025-03-01 or a time such as 2025-03-01T14:05Z.` });
      return z.NEVER;
    }
    return value;
  });

/** The audit filter as URL search parameters: actor, action, outcome, callId, batchId, from, to, q. */
export const auditFilterSchema = z
  .object({
    actor: optional(z.string().trim().max(320, 'Actor: at most 320 characters.').regex(NO_CONTROL_CHARACTERS, 'Actor: remove the control characters (such as NUL) from it.')),
    action: optional(z.enum(AUDIT_ACTIONS, { error: `Action: choose one of ${AUDIT_ACTIONS.join(', ')}.` })),
    outcome: optional(
      z.enum(AUDIT_OUTCOMES as [AuditOutcome, ...AuditOutcome[]], {
        error: `Outcome: choose one of ${AUDIT_OUTCOMES.join(', ')}.`,
      }),
    ),
    callId: optional(
      z
        .string()
        .trim()
        .max(1420, 'Call ID: at most 1420 characters.')
        .regex(/^[A-Za-z0-9+/=]+$/, 'Call ID: only letters, digits, "+", "/" and "=".'),
    ),
    batchId: optional(
      z
        .string()
        .trim()
        .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'Batch: a batch id such as 3f2c…, as the bulk disconnect page shows it.')
        .transform((id) => id.toLowerCase()),
    ),
    from: optional(timeBound('from', 'From')),
    to: optional(timeBound('to', 'To')),
    q: optional(z.string().trim().max(200, 'Search: at most 200 characters.').regex(NO_CONTROL_CHARACTERS, 'Search: remove the control characters (such as NUL) from it.')),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from < f.to, {
    message: 'To: the end of the time range must come after its start.',
    path: ['to'],
  });

const pageSchema = z.object({
  cursor: optional(z.string().regex(/^[1-9]\d{0,15}$/, 'Page: the cursor is not valid; go back to the first page.').transform(Number)),
  limit: optional(
    z
      .string()
      .regex(/^\d{1,4}$/, `Page size: a whole number from 1 to ${MAX_AUDIT_PAGE_SIZE}.`)
      .transform(Number)
      .refine((n) => n >= 1 && n <= MAX_AUDIT_PAGE_SIZE, `Page size: a whole number from 1 to ${MAX_AUDIT_PAGE_SIZE}.`),
  ),
});

/** Reads the filter from URL search params; the UI and the REST API share it. */
export function parseAuditFilter(searchParams: SearchParamsInput): Result<AuditFilter, 'invalid-filter'> {
  const parsed = auditFilterSchema.safeParse(flattenSearchParams(searchParams));
  if (!parsed.success) return invalid(parsed.error);
  const { q, ...rest } = parsed.data;
  const filter: AuditFilter = { ...dropUndefined(rest), ...(q ? { text: q } : {}) };
  return ok(filter);
}

/** Reads `cursor` and `limit` from URL search params. */
export function parseAuditPage(searchParams: SearchParamsInput): Result<AuditPage, 'invalid-filter'> {
  const parsed = pageSchema.safeParse(flattenSearchParams(searchParams));
  if (!parsed.success) return invalid(parsed.error);
  const { cursor, limit } = parsed.data;
  return ok(cursor === undefined ? { limit: limit ?? DEFAULT_AUDIT_PAGE_SIZE } : { cursor, limit: limit ?? DEFAULT_AUDIT_PAGE_SIZE });
}

function invalid(error: z.ZodError): ReturnType<typeof fail<'invalid-filter'>> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'filter');
    fieldErrors[field] ??= issue.message;
  }
  const messages = Object.values(fieldErrors);
  return fail('invalid-filter', `The filter could not be used. ${messages.join(' ')}`, fieldErrors);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
