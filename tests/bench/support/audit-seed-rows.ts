// A realistic audit log, made up quickly and the same every time (a seeded generator): about
// 1,400 events a day ending at a fixed instant, mostly disconnect pairs by twenty operators of
// very different activity, sign-ins, tracked calls and a few exports, checkpoints and settings.
// Rows are written directly (no HMAC chain: prev_hash and hash stay null, as rows from before
// the chain existed do); the query and export benchmarks read rows, they do not verify them.
import type { AuditEventsTable } from '../../../lib/db/schema';
import { ADMINS, AUDITORS, OPERATOR_WEIGHTS, OPERATORS, OUTCOMES, REASONS, VIEWERS, type Person } from './audit-seed-cast';

export const EVENTS_PER_DAY = 1_400;
export const DAY_MS = 86_400_000;

/** Every column of audit_events, in the order the seeders write them. */
export const AUDIT_COLUMNS = [
  'seq', 'at', 'actor_id', 'actor_email', 'actor_role', 'auth_method', 'source_ip', 'user_agent', 'action',
  'target_call_id', 'reason', 'outcome', 'fault_code', 'fault_text', 'um_latency_ms', 'end_latency_ms',
  'attempt_id', 'batch_id', 'details', 'prev_hash', 'hash',
] as const satisfies readonly (keyof AuditEventsTable)[];

export type SeedRow = { -readonly [K in (typeof AUDIT_COLUMNS)[number]]: AuditEventsTable[K] };

/** mulberry32: small, fast, and the same sequence for the same seed. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pickWeighted<T>(random: () => number, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let roll = random() * total;
  for (let index = 0; index < items.length; index += 1) {
    roll -= weights[index] ?? 0;
    if (roll <= 0) return items[index] as T;
  }
  return items[items.length - 1] as T;
}

function hex(random: () => number, digits: number): string {
  let text = '';
  while (text.length < digits) text += Math.floor(random() * 0x1_0000_0000).toString(16).padStart(8, '0');
  return text.slice(0, digits);
}

function uuid(random: () => number): string {
  const h = hex(random, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function callId(random: () => number): string {
  return Buffer.from(`${uuid(random)}@um-sim-0${1 + Math.floor(random() * 3)}.contoso.test`).toString('base64');
}

/** The first `count` rows of the log whose newest event is at `endAt`, in chunks of `chunkSize`. */
export function* generateAuditRows(count: number, endAt: number, chunkSize = 5_000): Generator<SeedRow[]> {
  const random = createRandom(20_261_127);
  const gap = DAY_MS / EVENTS_PER_DAY;
  const startAt = endAt - count * gap;
  let chunk: SeedRow[] = [];
  let batchId: string | null = null;
  let seq = 0;
  const base = (actor: Person | null, action: string): SeedRow => {
    seq += 1;
    return {
      seq,
      at: Math.round(startAt + seq * gap - random() * (gap / 2)),
      actor_id: actor?.id ?? null,
      actor_email: actor?.email ?? null,
      actor_role: actor?.role ?? null,
      auth_method: actor === null ? 'system' : random() < 0.15 ? 'token:ops-script' : 'session',
      source_ip: actor === null ? null : `10.20.${Math.floor(random() * 8)}.${10 + Math.floor(random() * 200)}`,
      user_agent: actor === null ? null : 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      action,
      target_call_id: null, reason: null, outcome: null, fault_code: null, fault_text: null,
      um_latency_ms: null, end_latency_ms: null, attempt_id: null, batch_id: null, details: null, prev_hash: null, hash: null,
    };
  };
  const push = (row: SeedRow) => {
    chunk.push(row);
    if (chunk.length >= chunkSize) {
      const full = chunk;
      chunk = [];
      return full;
    }
    return null;
  };
  while (seq < count) {
    const rows = nextEpisode(random, base, () => {
      if (batchId === null || random() < 0.02) batchId = random() < 0.25 ? uuid(random) : null;
      return batchId;
    });
    for (const row of rows) {
      if (row.seq > count) break;
      const full = push(row);
      if (full) yield full;
    }
  }
  if (chunk.length > 0) yield chunk;
}

type MakeRow = (actor: Person | null, action: string) => SeedRow;

function nextEpisode(random: () => number, base: MakeRow, currentBatch: () => string | null): SeedRow[] {
  const roll = random() * 100;
  const anyone = () => pickWeighted(random, [...OPERATORS, ...AUDITORS, ...ADMINS, ...VIEWERS], [...OPERATOR_WEIGHTS, 0.6, 0.6, 0.6, 0.5, 0.5, 0.3, 0.3]);
  if (roll < 55) return disconnectPair(random, base, currentBatch());
  if (roll < 56) {
    const row = base(pickWeighted(random, [...VIEWERS, ...AUDITORS], [1, 1, 1, 1, 1]), 'disconnect.denied');
    return [{ ...row, target_call_id: callId(random), outcome: 'denied', attempt_id: uuid(random), reason: REASONS[0] ?? null, details: '{"refusal":"role"}' }];
  }
  if (roll < 78) {
    const who = anyone();
    const failedSignIn = random() < 0.1;
    const row = base(failedSignIn ? null : who, 'auth.sign_in');
    return [{ ...row, actor_email: who.email, auth_method: 'credentials', outcome: failedSignIn ? (random() < 0.8 ? 'failure' : 'throttled') : 'success' }];
  }
  if (roll < 84) return [{ ...base(anyone(), 'auth.sign_out'), outcome: 'success' }];
  if (roll < 94) {
    const row = base(pickWeighted(random, OPERATORS, OPERATOR_WEIGHTS), 'call.track');
    return [{ ...row, target_call_id: callId(random), outcome: 'success', details: '{"label":"Night shift line 4","via":"ui"}' }];
  }
  if (roll < 95) return [{ ...base(pickWeighted(random, OPERATORS, OPERATOR_WEIGHTS), 'call.place_test'), target_call_id: callId(random), outcome: 'success' }];
  if (roll < 96) {
    const row = base(pickWeighted(random, AUDITORS, [1, 1, 1]), 'audit.export');
    return [{ ...row, outcome: 'success', details: '{"filter":{"outcome":"failed"},"view":"disconnects","format":"csv","rows":412,"complete":true}' }];
  }
  if (roll < 97.5) {
    const batchId = uuid(random);
    const starter = pickWeighted(random, OPERATORS, OPERATOR_WEIGHTS);
    return [
      { ...base(starter, 'batch.start'), batch_id: batchId, outcome: 'success', reason: REASONS[5] ?? null, details: '{"total":40}' },
      { ...base(null, 'batch.finish'), batch_id: batchId, outcome: 'success' },
    ];
  }
  if (roll < 99.5) return [{ ...base(null, 'audit.checkpoint'), outcome: 'success', details: '{"reason":"periodic"}' }];
  return [{ ...base(pickWeighted(random, ADMINS, [1, 1]), 'settings.stuck_rules'), outcome: 'success', details: '{"old":{"connectedMinutes":30},"new":{"connectedMinutes":45}}' }];
}

function disconnectPair(random: () => number, base: MakeRow, batchId: string | null): SeedRow[] {
  const actor = random() < 0.93 ? pickWeighted(random, OPERATORS, OPERATOR_WEIGHTS) : pickWeighted(random, ADMINS, [1, 1]);
  const target = callId(random);
  const attemptId = uuid(random);
  const reason = REASONS[Math.floor(random() * REASONS.length)] ?? null;
  const requested = base(actor, 'disconnect.requested');
  const outcome = pickWeighted(random, OUTCOMES.map(([name]) => name), OUTCOMES.map(([, weight]) => weight));
  const completed = base(actor, 'disconnect.completed');
  const umLatency = 8 + Math.floor(random() * 120);
  const failed = outcome === 'failed' || outcome === 'unknown';
  return [
    {
      ...requested, auth_method: completed.auth_method, target_call_id: target, reason, attempt_id: attemptId, batch_id: batchId,
      details: '{"label":"Night shift line 4","server":"um-sim-01.contoso.test","stateBefore":"Connected","endedBefore":false}',
    },
    {
      ...completed, source_ip: requested.source_ip, target_call_id: target, reason, attempt_id: attemptId, batch_id: batchId, outcome,
      fault_code: failed ? (outcome === 'failed' ? 'InvalidCallIdException' : 'timeout') : null,
      fault_text: failed ? (outcome === 'failed' ? "The call identifier isn't valid." : 'The UM service did not answer within 10 s.') : null,
      um_latency_ms: umLatency,
      end_latency_ms: outcome === 'confirmed' ? umLatency + 250 + Math.floor(random() * 2_000) : null,
      details: `{"precheck":{"state":"Connected","cause":"None"},"verification":{"kind":"${outcome === 'confirmed' ? 'ended' : 'still-up'}","checks":${1 + Math.floor(random() * 4)}}}`,
    },
  ];
}
