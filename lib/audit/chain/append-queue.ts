const KEY = Symbol.for('um-console.audit-append-queue');
type Holder = { [KEY]?: Promise<unknown> };

/**
 * Runs appends of this process one after another, whatever handle they use. better-sqlite3 waits
 * for a lock synchronously, so a second handle in the same process that waited for the write lock
 * would freeze the event loop the first handle needs to finish and release it. Kept on globalThis:
 * Next may load this module twice. Across processes, the database's own lock serialises.
 */
export function queueAppend<T>(run: () => Promise<T>): Promise<T> {
  const holder = globalThis as Holder;
  const previous = holder[KEY] ?? Promise.resolve();
  const result = previous.then(run, run);
  holder[KEY] = result.catch(() => undefined);
  return result;
}
