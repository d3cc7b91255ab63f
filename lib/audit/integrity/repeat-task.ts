export interface RepeatingTask {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

export interface RepeatOptions {
  readonly firstDelayMs: number;
  readonly intervalMs: number;
  /** Runs of every task of one owner go through this, so they never overlap. */
  readonly serialize: <T>(run: () => Promise<T>) => Promise<T>;
  readonly describe: string;
}

/**
 * Runs `task` after firstDelayMs, then every intervalMs after each run ends. A failed run is
 * logged and the schedule goes on. The timer is unref'd: it serves a running server and must not
 * keep a finished process (a CLI, a test) alive.
 */
export function repeatTask(task: () => Promise<unknown>, options: RepeatOptions): RepeatingTask {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = options
        .serialize(() => (stopped ? Promise.resolve() : task()))
        .catch((error: unknown) => console.error(`The ${options.describe} failed:`, error))
        .finally(() => {
          running = undefined;
          schedule(options.intervalMs);
        });
    }, delayMs);
    timer.unref();
  };
  schedule(options.firstDelayMs);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** A queue of one: each run starts when the one before it has ended. */
export function serialQueue(): <T>(run: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(run: () => Promise<T>) => {
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
}
