import { IsoTime } from '@/components/iso-time';
import type { AuditCheckpoint } from '@/lib/audit/chain/checkpoint-format';
import type { VerificationStatus } from '@/lib/audit/integrity/verification-status';
import { CheckpointButton } from './checkpoint-button';

interface ChainStatusProps {
  /** The latest background verification; null before the first one finished. */
  readonly status: VerificationStatus | null;
  readonly lastCheckpoint: AuditCheckpoint | null;
  readonly verifyIntervalMs: number;
  /** Administrators get the "Sign a checkpoint now" button. */
  readonly canCheckpoint: boolean;
}

const iso = (at: number) => new Date(at).toISOString();

/**
 * The audit log's integrity at a glance: the background verification's latest result — an alarm in
 * words (role="alert", not colour alone) when it failed — and the last signed checkpoint.
 */
export function ChainStatus({ status, lastCheckpoint, verifyIntervalMs, canCheckpoint }: ChainStatusProps) {
  return (
    <section className="chain-status" aria-labelledby="chain-status-heading" data-testid="chain-status">
      <h2 id="chain-status-heading" className="visually-hidden">
        Integrity of the audit log
      </h2>
      {status?.problem ? (
        <div className="inline-problem chain-status__alarm" role="alert" data-testid="chain-alarm">
          <p>
            <strong>
              The audit log failed verification at seq {status.problem.seq}: {status.problem.code}.
            </strong>{' '}
            {status.problem.detail}
          </p>
          <p>
            Checked at <IsoTime value={iso(status.at)} />. Run <code>npm run --silent admin -- verify-audit</code> on the server, and compare
            with the checkpoints kept outside it, before trusting entries from seq {status.problem.seq} on.
          </p>
        </div>
      ) : (
        <p className="chain-status__line" data-testid="chain-verified">
          {status === null ? (
            `Not verified yet: the background check runs at start and every ${Math.round(verifyIntervalMs / 60_000) || 1} minute(s).`
          ) : (
            <>
              <span className="status-label status-label--ok">Chain verified</span>{' '}
              {status.verifiedUpToSeq === null ? '(the log was empty then)' : `up to seq ${status.verifiedUpToSeq}`} at <IsoTime value={iso(status.at)} />
            </>
          )}
        </p>
      )}
      <p className="chain-status__line" data-testid="last-checkpoint">
        {lastCheckpoint === null ? (
          'No signed checkpoint yet.'
        ) : (
          <>
            Last signed checkpoint: seq {lastCheckpoint.seq} at <IsoTime value={iso(lastCheckpoint.at)} />{' '}
            <span className="muted">(key {lastCheckpoint.keyId})</span>
          </>
        )}
      </p>
      {canCheckpoint ? <CheckpointButton /> : null}
    </section>
  );
}
