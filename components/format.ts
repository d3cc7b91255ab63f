/** "3 ms", or "0.4 ms" below one millisecond so a fast answer does not read as "0 ms". */
export function formatLatency(ms: number): string {
  if (ms < 1) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms)} ms`;
}

/** "10 s" or "1.5 s": how people think of a timeout. */
export function formatTimeout(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
