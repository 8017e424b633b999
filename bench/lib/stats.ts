/** Percentile by nearest rank on a sorted copy; timings in milliseconds. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] as number
}

export interface Summary {
  n: number
  mean: number
  p50: number
  p95: number
  p99: number
  p999: number
  max: number
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length
  return {
    n: sorted.length,
    mean,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  }
}

export const ms = (x: number): string => (x < 0.01 ? `${(x * 1000).toFixed(1)}µs` : `${x.toFixed(3)}ms`)

/** Prints rows of summaries with their ratio to the baseline row measured in the same run. */
export function printTable(rows: { name: string; summary: Summary }[], baseline: Summary): void {
  const header = ['measure', 'n', 'p50', 'p95', 'p99', 'p99.9', 'max', 'p50 ÷ base', 'p99 ÷ base']
  const lines = rows.map(({ name, summary: s }) => [
    name,
    String(s.n),
    ms(s.p50),
    ms(s.p95),
    ms(s.p99),
    ms(s.p999),
    ms(s.max),
    `${(s.p50 / baseline.p50).toFixed(1)}x`,
    `${(s.p99 / baseline.p99).toFixed(1)}x`,
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)))
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('  ')
  console.log(fmt(header))
  for (const l of lines) console.log(fmt(l))
}

/** Times one call in milliseconds with the monotonic high-resolution clock. */
export function time(fn: () => unknown): number {
  const start = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - start) / 1e6
}
