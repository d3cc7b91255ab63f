/**
 * Next calls register() once when the server starts: open the database, close disconnects cut
 * short by the last shutdown, create the first administrator (its password goes to the log), and
 * start the call status poller — before the first request, not on it.
 */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is how Next tells its Node.js server from the edge runtime, not configuration; the
  // exact comparison lets the bundler drop the server code from an edge build.
  // eslint-disable-next-line no-restricted-properties -- the documented Next idiom, see above
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getRuntime } = await import('./lib/runtime');
    await getRuntime();
  }
}
