/**
 * Latency statistics for the benches. Percentiles are nearest-rank: the p-th percentile of n sorted
 * samples is the sample at rank ceil(p/100 × n) (1-based). It is always a latency that was actually
 * observed (no interpolation), and with n samples p99 is the ⌈0.99n⌉-th smallest: with 500 samples,
 * the 6th slowest.
 */

export interface Summary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of samples already sorted ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('no samples');
  if (p <= 0 || p > 100) throw new Error(`percentile out of range: ${p}`);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1] ?? Number.NaN;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
  };
}

/** Milliseconds with one decimal: sub-millisecond differences are noise on a shared machine. */
export function ms(value: number): string {
  return value.toFixed(1);
}

/** A fixed-width text table: the first column left-aligned (labels), the rest right-aligned (numbers). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((row) => (row[col] ?? '').length)));
  const line = (row: readonly string[]) =>
    row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0)));
  return all.map((row) => line(row).join('  ')).join('\n');
}
