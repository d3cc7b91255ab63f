/** Something with a deadline: told once, when it is due, unless cancelled first. */
export interface Expiring {
  expire(): void;
}

/** A place in the queue, handed back by add() to cancel with. */
export interface Deadline {
  readonly due: number;
  readonly target: Expiring;
  previous: Deadline | undefined;
  next: Deadline | undefined;
}

// Node's timers fire on the event loop's cached clock, which can be up to a millisecond behind
// performance.now(): a deadline this close is due.
const TOLERANCE_MS = 1;

/**
 * The deadlines of one transport's requests. They all last the same timeoutMs, so they fall due in
 * the order they were set: a list in that order and one timer for the earliest stand in for a
 * setTimeout and clearTimeout per request, which were a measurable part of a loopback round trip.
 * The timer is re-armed only when it fires early (its deadline was cancelled) and does not keep the
 * process alive by itself: a request it watches has a socket or a queued place that does.
 */
export class Deadlines {
  private first: Deadline | undefined;
  private last: Deadline | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly timeoutMs: number) {}

  add(target: Expiring): Deadline {
    const deadline: Deadline = { due: performance.now() + this.timeoutMs, target, previous: this.last, next: undefined };
    if (this.last) this.last.next = deadline;
    else this.first = deadline;
    this.last = deadline;
    if (this.timer === undefined) this.arm(this.timeoutMs);
    return deadline;
  }

  cancel(deadline: Deadline): void {
    const { previous, next } = deadline;
    if (previous) previous.next = next;
    else if (this.first === deadline) this.first = next;
    else return; // not queued (already due, or cancelled)
    if (next) next.previous = previous;
    else this.last = previous;
    deadline.previous = undefined;
    deadline.next = undefined;
  }

  private arm(delayMs: number): void {
    this.timer = setTimeout(() => this.fire(), Math.max(1, Math.ceil(delayMs)));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    const now = performance.now();
    for (let due = this.first; due !== undefined && due.due <= now + TOLERANCE_MS; due = this.first) {
      this.cancel(due);
      due.target.expire();
    }
    if (this.first) this.arm(this.first.due - now);
  }
}
