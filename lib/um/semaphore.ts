/**
 * A counting semaphore. The transport takes slots without promises (tryAcquire, or wait with a
 * callback it can withdraw at its deadline); acquire() is the promise form, with an AbortSignal.
 */
export class Semaphore {
  private available: number;
  private readonly waiters: Array<() => void> = [];

  constructor(readonly capacity: number) {
    this.available = capacity;
  }

  get inUse(): number {
    return this.capacity - this.available;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** Takes a slot if one is free right now. */
  tryAcquire(): boolean {
    if (this.available === 0) return false;
    this.available -= 1;
    return true;
  }

  /** Queues `grant`, called (synchronously, from release) once it holds a slot; first come, first served. */
  wait(grant: () => void): void {
    this.waiters.push(grant);
  }

  /** Takes a queued `grant` back out; false when it was not waiting (already granted, or never queued). */
  withdraw(grant: () => void): boolean {
    const index = this.waiters.indexOf(grant);
    if (index < 0) return false;
    this.waiters.splice(index, 1);
    return true;
  }

  /** Resolves when a slot is held; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.tryAcquire()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.withdraw(grant);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.wait(grant);
    });
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.available = Math.min(this.capacity, this.available + 1);
  }
}
