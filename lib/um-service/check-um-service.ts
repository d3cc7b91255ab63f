import { isUmError, type UmErrorKind } from '@/lib/um';
import { getUmService } from './get-um-service';

export type UmProblemKind = UmErrorKind | 'unexpected';

export type UmHealth =
  | { readonly ok: true; readonly latencyMs: number; readonly umEnabled: boolean; readonly checkedAt: Date }
  | { readonly ok: false; readonly checkedAt: Date; readonly problem: { readonly kind: UmProblemKind; readonly message: string } };

const UNEXPECTED_MESSAGE =
  'The console could not check the UM service because of an unexpected error; the server log has the details.';

/** One timed IsUMEnabled round trip. Never throws: every failure becomes a sentence for a person. */
export async function checkUmService(): Promise<UmHealth> {
  try {
    const { client } = await getUmService();
    const started = performance.now();
    const umEnabled = await client.isUmEnabled();
    const latencyMs = performance.now() - started;
    return { ok: true, latencyMs, umEnabled, checkedAt: new Date() };
  } catch (error) {
    const checkedAt = new Date();
    // UmError messages are written for people; anything else may hold internals, so it stays in the log.
    if (isUmError(error)) return { ok: false, checkedAt, problem: { kind: error.kind, message: error.message } };
    console.error('UM service check failed unexpectedly:', error);
    return { ok: false, checkedAt, problem: { kind: 'unexpected', message: UNEXPECTED_MESSAGE } };
  }
}
