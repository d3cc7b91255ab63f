import type { Tone } from '@/components/ui/status-tag';
import type { DisconnectOutcome } from '@/lib/audit/types';

/** The tag colour of each outcome; the words always come with it. */
export const OUTCOME_TONES: Record<DisconnectOutcome, Tone> = {
  confirmed: 'ok',
  accepted: 'warning',
  'already-ended': 'neutral',
  failed: 'problem',
  unknown: 'warning',
};
