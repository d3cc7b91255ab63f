import { performance } from 'node:perf_hooks';

/** Runs one UM request and reports how long the round trip took, in whole milliseconds. */
export async function timed<T>(request: () => Promise<T>): Promise<{ value: T; latencyMs: number }> {
  const started = performance.now();
  const value = await request();
  return { value, latencyMs: Math.round(performance.now() - started) };
}
