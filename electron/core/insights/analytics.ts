import type { DB } from '../db/connection'
import { churnStats, periodsBack, type ChurnStats, type PeriodUnit } from '../../../shared/domain/churn'
import { npsFromCounts, type NpsStats } from '../../../shared/domain/npsStats'
import { DEFAULT_INTENT_CUTOFFS, type IntentBandCutoffs } from '../../../shared/domain/intent'
import { SEGMENTS, type Segment } from '../../../shared/domain/segment'

export interface ChurnPeriod {
  label: string
  start: number
  end: number
  overall: ChurnStats
  bySegment: Record<Segment | 'none', ChurnStats>
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/**
 * Churn per period, overall and per segment (segment as last assessed). One grouped scan over
 * customers per period; heavy on 1M customers, so it runs in the analytics worker.
 */
export function churnByPeriod(db: DB, until: number, unit: PeriodUnit, count: number): ChurnPeriod[] {
  const stmt = db.prepare<
    [{ day: string; start: number; end: number }],
    { segment: string | null; at_start: number; lost: number }
  >(
    `SELECT i.segment AS segment,
            count(*) AS at_start,
            coalesce(sum(c.churned_at >= @start AND c.churned_at < @end), 0) AS lost
       FROM customers c LEFT JOIN customer_insights i ON i.customer_id = c.id
      WHERE c.customer_since < @day AND (c.churned_at IS NULL OR c.churned_at >= @start)
      GROUP BY i.segment`,
  )
  return periodsBack(until, unit, count).map((p) => {
    const rows = stmt.all({ day: dayOf(p.start), start: p.start, end: p.end })
    const bySegment = {} as Record<Segment | 'none', ChurnStats>
    let atStart = 0
    let lost = 0
    for (const key of [...SEGMENTS, 'none'] as const) bySegment[key] = churnStats(0, 0)
    for (const r of rows) {
      const key = (r.segment ?? 'none') as Segment | 'none'
      bySegment[key] = churnStats(r.at_start, r.lost)
      atStart += r.at_start
      lost += r.lost
    }
    return { ...p, overall: churnStats(atStart, lost), bySegment }
  })
}

export interface SegmentMatrix {
  /** counts[npsGroup][intentBand] over customers with both answers */
  counts: Record<'promoter' | 'passive' | 'detractor', Record<'high' | 'medium' | 'low', number>>
  bySegment: Record<Segment, number>
  unassessed: number
}

/** The 3x3 NPS group x intent band matrix across active customers, from the stored insights. */
export function segmentMatrix(db: DB, cutoffs: IntentBandCutoffs = DEFAULT_INTENT_CUTOFFS): SegmentMatrix {
  const { high, medium } = cutoffs
  const rows = db
    .prepare<[{ high: number; medium: number }], { g: string | null; b: string | null; n: number }>(
      `SELECT CASE WHEN i.nps >= 9 THEN 'promoter' WHEN i.nps >= 7 THEN 'passive' WHEN i.nps >= 0 THEN 'detractor' END AS g,
              CASE WHEN i.intent >= @high THEN 'high' WHEN i.intent >= @medium THEN 'medium' WHEN i.intent >= 0 THEN 'low' END AS b,
              count(*) AS n
         FROM customer_insights i JOIN customers c ON c.id = i.customer_id
        WHERE c.status = 'active'
        GROUP BY g, b`,
    )
    .all({ high, medium })
  const zero = () => ({ high: 0, medium: 0, low: 0 })
  const counts = { promoter: zero(), passive: zero(), detractor: zero() }
  const bySegment = Object.fromEntries(SEGMENTS.map((s) => [s, 0])) as Record<Segment, number>
  let unassessed = 0
  for (const r of rows) {
    if (r.g === null || r.b === null) {
      unassessed += r.n
      continue
    }
    const g = r.g as keyof typeof counts
    const b = r.b as 'high' | 'medium' | 'low'
    counts[g][b] += r.n
  }
  for (const g of ['promoter', 'passive', 'detractor'] as const) {
    for (const b of ['high', 'medium', 'low'] as const) {
      const n = counts[g][b]
      const seg: Segment =
        g === 'passive' || b === 'medium'
          ? 'undecided'
          : g === 'promoter'
            ? b === 'high'
              ? 'loyal_advocate'
              : 'at_risk_promoter'
            : b === 'high'
              ? 'captive_critic'
              : 'churn_risk'
      bySegment[seg] += n
    }
  }
  return { counts, bySegment, unassessed }
}

export interface TrendPoint extends NpsStats {
  label: string
  start: number
  /** mean normalised purchase intent of the period's answers; null without intent answers */
  intentAvg: number | null
  intentN: number
}

export interface TrendFilter {
  unit: 'week' | 'month'
  count: number
  /** only customers currently in this segment */
  segment?: Segment
  /** one customer's history (uses the per-customer index) */
  customerId?: number
}

/**
 * NPS with its margin of error and mean purchase intent per week or month; points with too few
 * answers carry tooFew. One pass over the answers in range (the dashboards' rollups will take
 * over the cross-customer case); one customer's trend reads only that customer's index range.
 */
export function trend(db: DB, until: number, filter: TrendFilter): TrendPoint[] {
  const periods = periodsBack(until, filter.unit, filter.count)
  const from = periods[0]?.start ?? until
  const to = periods[periods.length - 1]?.end ?? until
  const where = ['f.answered_at >= @from', 'f.answered_at < @to']
  if (filter.customerId !== undefined) where.push('f.customer_id = @customerId')
  if (filter.segment !== undefined) {
    where.push('f.customer_id IN (SELECT customer_id FROM customer_insights WHERE segment = @segment)')
  }
  const rows = db
    .prepare(
      `SELECT f.answered_at AS at, f.nps AS nps, f.intent AS intent FROM feedback f WHERE ${where.join(' AND ')}`,
    )
    .raw(true)
    .all({
      from,
      to,
      ...(filter.customerId !== undefined ? { customerId: filter.customerId } : {}),
      ...(filter.segment !== undefined ? { segment: filter.segment } : {}),
    }) as [number, number | null, number | null][]
  const acc = periods.map(() => ({ promoters: 0, passives: 0, detractors: 0, intentSum: 0, intentN: 0 }))
  for (const [at, nps, intent] of rows) {
    // Periods are contiguous and sorted: binary search finds the bucket.
    let lo = 0
    let hi = periods.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((periods[mid] as { start: number }).start <= at) lo = mid
      else hi = mid - 1
    }
    const a = acc[lo] as (typeof acc)[number]
    if (nps !== null) {
      if (nps >= 9) a.promoters++
      else if (nps >= 7) a.passives++
      else a.detractors++
    }
    if (intent !== null) {
      a.intentSum += intent
      a.intentN++
    }
  }
  return periods.map((p, i) => {
    const a = acc[i] as (typeof acc)[number]
    return {
      label: p.label,
      start: p.start,
      ...npsFromCounts(a.promoters, a.passives, a.detractors),
      intentAvg: a.intentN ? a.intentSum / a.intentN : null,
      intentN: a.intentN,
    }
  })
}

export interface WatchlistEntry {
  customerId: number
  customerNo: string
  displayName: string
  segment: string | null
  riskScore: number
  valueCents: number
  topFlags: string[]
}

/**
 * Customers worth a call before they leave: risk at or over the threshold, or at-risk promoters,
 * ordered by risk x value. The risk index bounds the candidate set; at-risk promoters come via the segment index.
 */
export function watchlist(db: DB, threshold: number, limit: number): WatchlistEntry[] {
  const rows = db
    .prepare<
      [{ threshold: number; limit: number }],
      {
        customer_id: number
        customer_no: string
        display_name: string
        segment: string | null
        risk_score: number
        value_cents: number
        flags_json: string
      }
    >(
      `SELECT i.customer_id, c.customer_no, c.display_name, i.segment, i.risk_score, i.value_cents, i.flags_json
         FROM customer_insights i JOIN customers c ON c.id = i.customer_id
        WHERE c.status = 'active' AND i.customer_id IN (
              SELECT customer_id FROM customer_insights WHERE risk_score >= @threshold
              UNION SELECT customer_id FROM customer_insights WHERE segment = 'at_risk_promoter')
        ORDER BY i.risk_score * i.value_cents DESC
        LIMIT @limit`,
    )
    .all({ threshold, limit })
  return rows.map((r) => ({
    customerId: r.customer_id,
    customerNo: r.customer_no,
    displayName: r.display_name,
    segment: r.segment,
    riskScore: r.risk_score,
    valueCents: r.value_cents,
    topFlags: (JSON.parse(r.flags_json) as { factor: string }[]).slice(0, 3).map((f) => f.factor),
  }))
}
