/** Small statistics for benchmark samples; inputs need not be sorted. */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}

/** "12 345", "1.23": numbers as the results table shows them. */
export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).replace(/,/g, ' ');
}

export function formatPercent(ratio: number): string {
  const percent = (ratio - 1) * 100;
  return `${percent >= 0 ? '+' : ''}${percent.toFixed(1)} %`;
}

/** "0.349 ms", "12.1 ms": latencies as the results show them. */
export function formatMs(value: number, digits = 2): string {
  return `${formatNumber(value, digits)} ms`;
}

/** p50 and p95 of latency samples in ms. */
export function summarizeLatencies(samples: readonly number[]): { readonly p50: number; readonly p95: number; readonly count: number } {
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), count: samples.length };
}
