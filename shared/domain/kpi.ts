/**
 * Dashboard KPI formulas, pure and shared by the core (which computes them from rollups or raw rows)
 * and the tests (which check them against hand-computed values).
 */

export const DAY_MS = 86_400_000

/** The period presets of the dashboard, in days. */
export const PERIOD_DAYS = [7, 30, 90, 365] as const
export type PeriodDays = (typeof PERIOD_DAYS)[number]

export interface DayRange {
  /** first UTC day number (ms / 86,400,000), inclusive */
  fromDay: number
  /** last UTC day number, exclusive */
  toDay: number
}

/** The last `days` full UTC days up to and including the day of `now`, and the same length before. */
export function periodRanges(now: number, days: number): { current: DayRange; previous: DayRange } {
  const toDay = Math.floor(now / DAY_MS) + 1
  const fromDay = toDay - days
  return { current: { fromDay, toDay }, previous: { fromDay: fromDay - days, toDay: fromDay } }
}

/** Trend granularity: days for a week or month, weeks for a quarter, 31-day steps for a year. */
export function bucketDaysFor(days: number): number {
  if (days <= 31) return 1
  if (days <= 92) return 7
  return 31
}

/** share = part / whole, null when there is nothing to share. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null
}

/** The 0-based positions of the middle value(s) among n sorted values: one for odd n, two for even. */
export function medianIndexes(n: number): [number, number] {
  return [(n - 1) >> 1, n >> 1]
}

/** The 0-based position of the nearest-rank p-th percentile among n sorted values. */
export function nearestRankIndex(n: number, p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`)
  return Math.ceil((p / 100) * n) - 1
}

/** Median of the values (mean of the two middle ones for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const [lo, hi] = medianIndexes(sorted.length)
  return ((sorted[lo] as number) + (sorted[hi] as number)) / 2
}

/** Percentile by nearest rank (the smallest value with at least p % of the values at or below it). */
export function percentileNearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null
  const index = nearestRankIndex(values.length, p)
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[index] as number
}

export interface DurationStats {
  n: number
  medianMs: number | null
  p90Ms: number | null
}

export function durationStats(values: readonly number[]): DurationStats {
  return { n: values.length, medianMs: median(values), p90Ms: percentileNearestRank(values, 90) }
}

/**
 * Churn over a period from customer counts: at the start = joined before the period minus churned
 * before it; lost = churned during it. Rate = lost / at start, retention = 1 - rate.
 */
export function churnFromCounts(
  joinedBefore: number,
  churnedBefore: number,
  lost: number,
): { atStart: number; lost: number; churnRate: number | null; retentionRate: number | null } {
  const atStart = joinedBefore - churnedBefore
  const churnRate = rate(lost, atStart)
  return { atStart, lost, churnRate, retentionRate: churnRate === null ? null : 1 - churnRate }
}

/** Change from the previous period; null when either side is unknown. */
export function delta(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : current - previous
}

/** Intent tenth bucket (0..10) of a normalised intent, as the rollups store it. */
export function intentBucket(intent: number): number {
  return Math.min(10, Math.floor(intent * 10 + 1e-9))
}

/** Intent band of a tenth bucket: its lower edge against the cutoffs (exact for cutoffs in tenths). */
export function bandOfBucket(
  bucket: number,
  cutoffs: { high: number; medium: number },
): 'high' | 'medium' | 'low' {
  const lower = bucket / 10
  if (lower >= cutoffs.high - 1e-9) return 'high'
  if (lower >= cutoffs.medium - 1e-9) return 'medium'
  return 'low'
}
