import { findAuditHmacKey, type AuditKey } from '../../audit/chain/audit-key';
import { verifyAuditChain } from '../../audit/chain/verify-chain';
import type { AdminContext } from './admin-context';
import { checkAuditRows, readAuditRows } from './verify-audit-log';

/**
 * `verify-audit`: the hash chain first (edited, missing, reordered rows), then the disconnect
 * pairs. Exit 0 with the count and head hash; 1 naming the first bad seq and what is wrong.
 */
export async function verifyAuditCommand(ctx: AdminContext, key: AuditKey | undefined = findAuditHmacKey()): Promise<number> {
  if (key === undefined) {
    const any = await ctx.db.selectFrom('audit_events').select('seq').limit(1).executeTakeFirst();
    if (any) {
      ctx.io.err('Audit log cannot be verified: no audit key was found (set AUDIT_HMAC_KEY, or restore audit-hmac-key in the data folder).');
      return 1;
    }
  }
  const chain = key === undefined ? null : await verifyAuditChain(ctx.db, key);
  if (chain && !chain.ok) {
    ctx.io.err(`Audit log problem: seq ${chain.firstBadSeq} ${chain.problem}: ${chain.detail}`);
    return 1;
  }
  const report = await checkAuditRows(readAuditRows(ctx.db));
  const range = report.firstSeq === null ? 'no events yet' : `seq ${report.firstSeq}–${report.lastSeq}`;
  const summary = `${report.events} events (${range}); ${report.attempts} disconnect attempts: ${report.completed} completed, ${report.open} without a completion.`;
  if (report.problem !== null) {
    ctx.io.err(`Audit log problem: ${report.problem}`);
    ctx.io.err(`Checked up to there: ${summary}`);
    return 1;
  }
  ctx.io.out(`Audit log OK: ${summary}`);
  if (chain?.predatesChain) {
    const { firstSeq, lastSeq } = chain.predatesChain;
    ctx.io.out(`Rows ${firstSeq}–${lastSeq} predate the hash chain; the chain starts after them.`);
  }
  if (chain?.headSeq != null) ctx.io.out(`Chain head: seq ${chain.headSeq}, hash ${chain.headHash ?? '(none)'}`);
  ctx.io.out('Rows removed from the end of the log cannot be detected until signed checkpoints exist.');
  return 0;
}
