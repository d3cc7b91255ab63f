import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema';
import type { LogVerification } from '../chain/verify-log';

/** In `meta`, so every page and every process sees the latest background check. */
export const VERIFICATION_META_KEY = 'audit_verification';

const statusSchema = z.object({
  at: z.number(),
  ok: z.boolean(),
  /** The last seq the check vouched for (the head when it passed); null for an empty log. */
  verifiedUpToSeq: z.number().nullable(),
  headHash: z.string().nullable(),
  problem: z.object({ seq: z.number(), code: z.string(), detail: z.string() }).nullable(),
});

export type VerificationStatus = z.infer<typeof statusSchema>;

export function statusOf(result: LogVerification, at: number): VerificationStatus {
  if (result.ok) return { at, ok: true, verifiedUpToSeq: result.headSeq, headHash: result.headHash, problem: null };
  return {
    at,
    ok: false,
    verifiedUpToSeq: result.firstBadSeq > 1 ? result.firstBadSeq - 1 : null,
    headHash: null,
    problem: { seq: result.firstBadSeq, code: result.problem, detail: result.detail },
  };
}

/** The latest recorded check, or null before the first (or when the stored value is unreadable). */
export async function readVerificationStatus(db: Kysely<Database>): Promise<VerificationStatus | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', VERIFICATION_META_KEY).executeTakeFirst();
  if (!row) return null;
  try {
    const parsed = statusSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function recordVerificationStatus(db: Kysely<Database>, status: VerificationStatus): Promise<void> {
  const value = JSON.stringify(status);
  await db
    .insertInto('meta')
    .values({ key: VERIFICATION_META_KEY, value })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value }))
    .execute();
}
