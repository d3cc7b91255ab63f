import type { UmOperation } from '../errors';
import type { SimulatorRequestRecord } from './types';

export const MAX_REQUEST_RECORDS = 10_000;

/** What the simulator has seen: the last requests, counts since start, and peak concurrency. */
export class RequestLog {
  private readonly records: SimulatorRequestRecord[] = [];
  private readonly counts = new Map<UmOperation | undefined, number>();
  private total = 0;
  private active = 0;
  private peak = 0;

  record(entry: SimulatorRequestRecord): void {
    this.records.push(entry);
    if (this.records.length > MAX_REQUEST_RECORDS) this.records.shift();
    this.total += 1;
    this.counts.set(entry.operation, (this.counts.get(entry.operation) ?? 0) + 1);
  }

  list(): SimulatorRequestRecord[] {
    return this.records.slice();
  }

  count(operation?: UmOperation): number {
    return operation === undefined ? this.total : (this.counts.get(operation) ?? 0);
  }

  /** Marks a request as being handled; call the returned function once it is over. */
  begin(): () => void {
    this.active += 1;
    this.peak = Math.max(this.peak, this.active);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.active -= 1;
    };
  }

  get peakConcurrency(): number {
    return this.peak;
  }
}
