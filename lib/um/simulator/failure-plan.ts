import type { UmOperation } from '../errors';
import type { SimulatedFailure, SimulatedFailureKind } from './types';

export const FAILURE_KINDS: readonly SimulatedFailureKind[] = [
  'http503',
  'timeout',
  'malformed',
  'oversize',
  'reset',
  'wrong-content-type',
  'empty',
];

export function isFailureKind(value: string): value is SimulatedFailureKind {
  return (FAILURE_KINDS as readonly string[]).includes(value);
}

interface PendingFailure {
  readonly kind: SimulatedFailureKind;
  remaining: number;
  readonly operations: ReadonlySet<UmOperation> | undefined;
}

/** Injected failures, consumed in the order they were injected by the requests they match. */
export class FailurePlan {
  private pending: PendingFailure[] = [];

  add(failure: SimulatedFailure): void {
    if (!isFailureKind(failure.kind)) throw new RangeError(`Unknown simulated failure kind "${String(failure.kind)}".`);
    const count = failure.count ?? Number.POSITIVE_INFINITY;
    if (!(count > 0) || (Number.isFinite(count) && !Number.isInteger(count))) {
      throw new RangeError(`A simulated failure's count must be a positive whole number, got ${count}.`);
    }
    this.pending.push({
      kind: failure.kind,
      remaining: count,
      operations: failure.operations ? new Set(failure.operations) : undefined,
    });
  }

  clear(): void {
    this.pending = [];
  }

  /** The failure this request suffers, if any; counts it against its budget. */
  take(operation: UmOperation | undefined): SimulatedFailureKind | undefined {
    const index = this.pending.findIndex(
      (failure) => failure.operations === undefined || (operation !== undefined && failure.operations.has(operation)),
    );
    const failure = this.pending[index];
    if (failure === undefined) return undefined;
    failure.remaining -= 1;
    if (failure.remaining <= 0) this.pending.splice(index, 1);
    return failure.kind;
  }
}
