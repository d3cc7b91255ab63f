import { IsoTime } from '@/components/iso-time';
import type { UmReachability } from '@/lib/calls/types';
import { formatAgo } from './format';

/** Says plainly when the poller gets no answer from the UM service, and since when. */
export function UmUnreachableBanner({ um, now }: { readonly um: UmReachability; readonly now: number }) {
  if (um.answering || um.since === null) return null;
  // The domain's sentence starts with what the title already says.
  const details = um.problem?.replace(/^The UM service is not answering\.\s*/, '') ?? '';
  return (
    <div className="board-alert" data-testid="um-unreachable" aria-live="polite">
      <p className="board-alert__title">
        <strong>The UM service is not answering</strong> — since <IsoTime value={new Date(um.since).toISOString()} /> (
        {formatAgo(now - um.since)}).
      </p>
      {details ? <p>{details}</p> : null}
      <p>The states below are the last ones it reported; the console keeps trying.</p>
    </div>
  );
}
