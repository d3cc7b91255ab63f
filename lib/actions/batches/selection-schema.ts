import { z } from 'zod';
import { MAX_FIELD_CHARS } from '../form-input';

/** The board's selection as untrusted input; lib/calls checks each CallId and the limits. */
export const selectionSchema = z.union([
  z.object({ callIds: z.array(z.string().max(MAX_FIELD_CHARS)).max(2000) }).strict(),
  z.object({ filter: z.object({ stuckOnly: z.boolean() }).strict() }).strict(),
]);
