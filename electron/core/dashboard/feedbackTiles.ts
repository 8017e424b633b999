import type { DB } from '../db/connection'
import type { DashboardFilter, PeriodKpis, TrendBucket } from '../../../shared/ipc/dashboardContract'
import { bandOfBucket, DAY_MS, type DayRange } from '../../../shared/domain/kpi'
import { npsFromCounts } from '../../../shared/domain/npsStats'
import { segmentOf, type Segment } from '../../../shared/domain/segment'
import type { IntentBandCutoffs } from '../../../shared/domain/intent'
import { FEEDBACK_SUM_COLUMNS, feedbackExpr, feedbackSums } from './rollups'
import { Where, type Source } from './query'

/** One day x intent bucket of answers: counts and intent sums (micro-units) per NPS group. */
export interface FeedbackDayRow {
  day: number
  ib: number
  p: number
  pa: number
  d: number
  nn: number
  mp: number
  mpa: number
  md: number
  mnn: number
}

const SUM_ALIASES = ['p', 'pa', 'd', 'nn', 'mp', 'mpa', 'md', 'mnn'] as const

/** The rollup query of `feedbackDays`: the totals table unless vertical, channel or language is filtered. */
export function feedbackRollupQuery(
  range: DayRange,
  filter: DashboardFilter,
): { sql: string; params: Record<string, unknown> } {
  const where = new Where().add('day >= @fromDay AND day < @toDay', { ...range })
  if (filter.vertical) where.add('vertical = @vertical', { vertical: filter.vertical })
  if (filter.channel) where.add('channel = @channel', { channel: filter.channel })
  if (filter.language) where.add('language = @language', { language: filter.language })
  // Without those filters the totals table has the same sums, ~25x fewer rows (feedbackTotals.ts).
  const table =
    filter.vertical || filter.channel || filter.language ? 'dash_feedback_day' : 'dash_feedback_total'
  const sums = FEEDBACK_SUM_COLUMNS.map((c, i) => `sum(${c}) AS ${SUM_ALIASES[i] as string}`).join(', ')
  return { sql: `SELECT day, ib, ${sums} FROM ${table} ${where.sql} GROUP BY day, ib`, params: where.params }
}

/** Answers of the range grouped by day and intent bucket, from the rollup or the raw rows. */
export function feedbackDays(
  db: DB,
  source: Source,
  range: DayRange,
  filter: DashboardFilter,
): FeedbackDayRow[] {
  if (source === 'rollup') {
    const query = feedbackRollupQuery(range, filter)
    return db.prepare(query.sql).all(query.params) as FeedbackDayRow[]
  }
  const e = feedbackExpr('f')
  const where = new Where().add('f.answered_at >= @from AND f.answered_at < @to', {
    from: range.fromDay * DAY_MS,
    to: range.toDay * DAY_MS,
  })
  if (filter.vertical) where.add('c.vertical = @vertical', { vertical: filter.vertical })
  if (filter.channel) where.add(`${e.channel} = @channel`, { channel: filter.channel })
  if (filter.language) where.add(`${e.language} = @language`, { language: filter.language })
  const sums = feedbackSums('f')
    .map((x, i) => `sum(${x}) AS ${SUM_ALIASES[i] as string}`)
    .join(', ')
  return db
    .prepare(
      `SELECT ${e.day} AS day, ${e.ib} AS ib, ${sums}
         FROM feedback f JOIN customers c ON c.id = f.customer_id ${where.sql} GROUP BY day, ib`,
    )
    .all(where.params) as FeedbackDayRow[]
}

type Group = 'promoter' | 'passive' | 'detractor'
const GROUPS: readonly [Group, 'p' | 'pa' | 'd', 'mp' | 'mpa' | 'md'][] = [
  ['promoter', 'p', 'mp'],
  ['passive', 'pa', 'mpa'],
  ['detractor', 'd', 'md'],
]

interface FeedbackAcc {
  groups: Record<Group, number>
  intentN: number
  intentMicros: number
  distribution: number[]
  matrix: PeriodKpis['matrix']
}

const emptyAcc = (): FeedbackAcc => ({
  groups: { promoter: 0, passive: 0, detractor: 0 },
  intentN: 0,
  intentMicros: 0,
  distribution: Array<number>(11).fill(0),
  matrix: {
    promoter: { high: 0, medium: 0, low: 0 },
    passive: { high: 0, medium: 0, low: 0 },
    detractor: { high: 0, medium: 0, low: 0 },
  },
})

/**
 * Adds one rollup row. With a segment filter only answers whose own cell (NPS group x intent band)
 * is that segment count; answers without NPS or intent have no cell and drop out.
 */
function addRow(
  acc: FeedbackAcc,
  r: FeedbackDayRow,
  segment: Segment | undefined,
  cutoffs: IntentBandCutoffs,
) {
  const band = r.ib >= 0 ? bandOfBucket(r.ib, cutoffs) : null
  for (const [group, count, micros] of GROUPS) {
    const n = r[count]
    if (n === 0) continue
    if (segment && (band === null || segmentOf(group, band) !== segment)) continue
    acc.groups[group] += n
    if (band === null) continue
    acc.intentN += n
    acc.intentMicros += r[micros]
    acc.distribution[r.ib] = (acc.distribution[r.ib] as number) + n
    acc.matrix[group][band] += n
  }
  if (!segment && band !== null && r.nn > 0) {
    acc.intentN += r.nn
    acc.intentMicros += r.mnn
    acc.distribution[r.ib] = (acc.distribution[r.ib] as number) + r.nn
  }
}

function kpisOf(acc: FeedbackAcc): Pick<PeriodKpis, 'nps' | 'intent' | 'matrix'> {
  const s = npsFromCounts(acc.groups.promoter, acc.groups.passive, acc.groups.detractor)
  return {
    nps: {
      n: s.n,
      promoters: s.promoters,
      passives: s.passives,
      detractors: s.detractors,
      nps: s.nps,
      marginOfError: s.marginOfError,
      low: s.low,
      high: s.high,
    },
    intent: {
      n: acc.intentN,
      avg: acc.intentN ? acc.intentMicros / 1_000_000 / acc.intentN : null,
      distribution: acc.distribution,
    },
    matrix: acc.matrix,
  }
}

export type FeedbackTrendPoint = Pick<TrendBucket, 'n' | 'nps' | 'low' | 'high' | 'intentAvg'>

/** NPS, intent and matrix of one period, and the NPS/intent trend of buckets starting at `buckets[i]`. */
export function reduceFeedback(
  rows: readonly FeedbackDayRow[],
  range: DayRange,
  buckets: readonly DayRange[],
  segment: Segment | undefined,
  cutoffs: IntentBandCutoffs,
): { kpis: Pick<PeriodKpis, 'nps' | 'intent' | 'matrix'>; trend: FeedbackTrendPoint[] } {
  const total = emptyAcc()
  const perBucket = buckets.map(emptyAcc)
  for (const r of rows) {
    if (r.day < range.fromDay || r.day >= range.toDay) continue
    addRow(total, r, segment, cutoffs)
    const i = buckets.findIndex((b) => r.day >= b.fromDay && r.day < b.toDay)
    if (i >= 0) addRow(perBucket[i] as FeedbackAcc, r, segment, cutoffs)
  }
  return {
    kpis: kpisOf(total),
    trend: perBucket.map((acc) => {
      const k = kpisOf(acc)
      return { n: k.nps.n, nps: k.nps.nps, low: k.nps.low, high: k.nps.high, intentAvg: k.intent.avg }
    }),
  }
}
