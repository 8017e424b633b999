import type { DB } from '../db/connection'
import { churnStats, periodsBack, type ChurnStats, type PeriodUnit } from '../../../shared/domain/churn'
import { npsFromCounts, type NpsStats } from '../../../shared/domain/npsStats'
import { DEFAULT_INTENT_CUTOFFS } from '../../../shared/domain/intent'
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
export function segmentMatrix(db: DB): SegmentMatrix {
  const { high, medium } = DEFAULT_INTENT_CUTOFFS
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

export interface NpsTrendPoint extends NpsStats {
  label: string
  start: number
}

/**
 * NPS per month with its margin of error; points with too few answers carry tooFew. One grouped
 * pass over the answers in range (the dashboards' rollups will replace this scan).
 */
export function npsTrend(db: DB, until: number, months: number): NpsTrendPoint[] {
  const periods = periodsBack(until, 'month', months)
  const first = periods[0]?.start ?? until
  const rows = db
    .prepare<[number, number], { m: string; promoters: number; passives: number; detractors: number }>(
      `SELECT strftime('%Y-%m', answered_at / 1000, 'unixepoch') AS m,
              sum(nps >= 9) AS promoters, sum(nps BETWEEN 7 AND 8) AS passives, sum(nps <= 6) AS detractors
         FROM feedback WHERE answered_at >= ? AND answered_at < ? AND nps IS NOT NULL
        GROUP BY m`,
    )
    .all(first, periods[periods.length - 1]?.end ?? until)
  const byMonth = new Map(rows.map((r) => [r.m, r]))
  return periods.map((p) => {
    const r = byMonth.get(p.label)
    return {
      label: p.label,
      start: p.start,
      ...npsFromCounts(r?.promoters ?? 0, r?.passives ?? 0, r?.detractors ?? 0),
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
