import { checkpointToJson } from '../../audit/chain/checkpoint-format';
import { createAuditCheckpoint } from '../../audit/chain/create-checkpoint';
import { findAuditSigningKey } from '../../audit/chain/signing-key';
import { pruneAuditLog } from '../../audit/retention/prune-audit-log';
import type { AdminContext } from './admin-context';
import { CLI_ACTOR } from './cli-actor';

/**
 * checkpoint-audit: signs the head now, recorded as `audit.checkpoint` (auth method cli, OS user).
 * stdout is the signed checkpoint as one JSON line, for an auditor to keep outside this machine.
 */
export async function checkpointAuditCommand(ctx: AdminContext): Promise<number> {
  const outcome = await createAuditCheckpoint(ctx.db, {
    reason: 'on-demand',
    actor: CLI_ACTOR,
    requestedBy: `cli:${ctx.osUser}`,
    details: { osUser: ctx.osUser },
  });
  const checkpoint = outcome.checkpoint;
  if (!checkpoint) {
    ctx.io.err('admin: checkpoint-audit failed: the audit log has no hashed row to sign.');
    return 1;
  }
  ctx.io.err(`Signed checkpoint ${checkpoint.id}: seq ${checkpoint.seq} at ${new Date(checkpoint.at).toISOString()} (key ${checkpoint.keyId}). Keep a copy of the line below elsewhere:`);
  ctx.io.out(checkpointToJson(checkpoint));
  return 0;
}

/** prune-audit: applies the retention set under Settings now, exactly as the daily run does. */
export async function pruneAuditCommand(ctx: AdminContext): Promise<number> {
  const result = await pruneAuditLog(ctx.db, { actor: CLI_ACTOR, details: { osUser: ctx.osUser } });
  if (!result.ok) {
    ctx.io.err(`admin: prune-audit: ${result.error.message}`);
    return 1;
  }
  const outcome = result.data;
  if (!outcome.pruned) {
    ctx.io.out(
      outcome.why === 'keep-forever'
        ? 'Nothing pruned: audit events are kept forever (set a retention under Settings → Audit retention).'
        : `Nothing pruned: no segment ending at a signed checkpoint is entirely older than ${outcome.retentionDays} day(s), or an open disconnect attempt still needs its request.`,
    );
    return 0;
  }
  ctx.io.out(
    `Pruned ${outcome.removed} audit event(s) through seq ${outcome.throughSeq} (older than ${outcome.retentionDays} day(s)), ending at checkpoint ${outcome.checkpoint.id}. Recorded as audit.pruned.`,
  );
  return 0;
}

/** audit-public-key: the PEM auditors keep to check checkpoints and export manifests without the console. */
export function auditPublicKeyCommand(ctx: AdminContext): number {
  const key = findAuditSigningKey();
  if (!key) {
    ctx.io.err('admin: audit-public-key: no audit signing key exists yet. Start the console once, or set AUDIT_SIGNING_KEY.');
    return 1;
  }
  ctx.io.out(key.publicKeyPem.trimEnd());
  ctx.io.err(`Key id ${key.keyId}.`);
  return 0;
}
