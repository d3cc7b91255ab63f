import { SYSTEM_ACTOR } from '../auth/actor';
import type { CallsDeps } from './deps';
import { trackCall } from './track-call';

/** The embedded simulator's dial-string conventions pick what each demo callee does. */
export const DEMO_CALLS: ReadonlyArray<{ readonly dialString: string; readonly label: string }> = [
  { dialString: '+1 425 555 0142', label: 'Demo: reception' },
  { dialString: '+1 425 555 0187', label: 'Demo: help desk' },
  { dialString: '+1 425 555 9999', label: 'Demo: conference room (stuck)' },
  { dialString: '+1 425 555 1111', label: 'Demo: sales line (busy, ends by itself)' },
  { dialString: '+1 425 555 0000', label: 'Demo: warehouse (no answer, rings then ends)' },
];

const DEMO_ENTRY_ID = 'AAAA';

/**
 * Gives a demo console something to show: places and tracks a handful of calls on the embedded
 * simulator. Never against a real UM service, and never while any tracked call is still up. The
 * embedded simulator forgets its calls when the process ends, so after a restart (and one poll
 * round that marks the old calls gone) a demo console gets fresh calls.
 */
export async function seedDemoCalls(deps: CallsDeps & { readonly embedded: boolean }): Promise<number> {
  if (!deps.embedded) return 0;
  const active = await deps.db.selectFrom('calls').select('call_id').where('ended_at', 'is', null).limit(1).executeTakeFirst();
  if (active) return 0;
  let seeded = 0;
  for (const demo of DEMO_CALLS) {
    const callId = await deps.um.playOnPhone(DEMO_ENTRY_ID, demo.dialString);
    const tracked = await trackCall(deps, SYSTEM_ACTOR, { callId, label: demo.label }, 'demo');
    if (tracked.ok) seeded += 1;
  }
  return seeded;
}
