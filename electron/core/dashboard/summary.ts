import type { DB } from '../db/connection'
import type { DashboardFilter, DashboardSummary, PeriodKpis } from '../../../shared/ipc/dashboardContract'
import { bucketDaysFor, periodRanges, type DayRange, type PeriodDays } from '../../../shared/domain/kpi'
import { DEFAULT_INTENT_CUTOFFS, type IntentBandCutoffs } from '../../../shared/domain/intent'
import { feedbackDays, reduceFeedback } from './feedbackTiles'
import { reduceTopics, topicDays } from './topicTiles'
import { churnOf, watchlistSize } from './customerTiles'
import { offersOf } from './offerTiles'
import { loopTiles } from './loopTiles'
import { span, type Source } from './query'
import { watchlistSnapshotIn } from './watchlistSnapshots'
import { matrixMovement } from './movement'

export interface SummaryArgs {
  now: number
  days: PeriodDays
  filter: DashboardFilter
  intentCutoffs?: IntentBandCutoffs
  source?: Source
}

/** The trend buckets of a period: consecutive day ranges, the last one possibly shorter. */
export function bucketsOf(range: DayRange, days: number): DayRange[] {
  const size = bucketDaysFor(days)
  const out: DayRange[] = []
  for (let from = range.fromDay; from < range.toDay; from += size) {
    out.push({ fromDay: from, toDay: Math.min(range.toDay, from + size) })
  }
  return out
}

function facets(db: DB, range: DayRange): DashboardSummary['facets'] {
  return {
    teams: db
      .prepare(`SELECT DISTINCT team FROM users WHERE team IS NOT NULL AND active = 1 ORDER BY team`)
      .pluck()
      .all() as string[],
    agents: db
      .prepare(`SELECT id, name, team FROM users WHERE role = 'agent' AND active = 1 ORDER BY name`)
      .all() as DashboardSummary['facets']['agents'],
    channels: db
      .prepare(
        `SELECT DISTINCT channel FROM dash_feedback_day WHERE day >= @fromDay AND day < @toDay AND channel <> '' ORDER BY channel`,
      )
      .pluck()
      .all(range) as string[],
  }
}

/**
 * Every KPI of the current and the previous period, the trends of the current one and the topics.
 * Reads rollups (or raw rows with source 'scan') only: the heaviest part is one grouped read of
 * the daily feedback rollup over both periods.
 */
export function dashboardSummary(db: DB, args: SummaryArgs): DashboardSummary {
  const started = performance.now()
  const source = args.source ?? 'rollup'
  const cutoffs = args.intentCutoffs ?? DEFAULT_INTENT_CUTOFFS
  const { current, previous } = periodRanges(args.now, args.days)
  const whole = span(current, previous)
  const buckets = bucketsOf(current, args.days)
  const { filter } = args

  const fb = feedbackDays(db, source, whole, filter)
  const fbCurrent = reduceFeedback(fb, current, buckets, filter.segment, cutoffs)
  const fbPrevious = reduceFeedback(fb, previous, [], filter.segment, cutoffs)
  const loops = loopTiles(db, source, { current, previous, buckets }, filter)
  const loopPoints = loops.trend

  const period = (
    range: DayRange,
    feedback: typeof fbCurrent,
    loopKpis: PeriodKpis['loops'],
  ): PeriodKpis => ({
    fromDay: range.fromDay,
    toDay: range.toDay,
    ...feedback.kpis,
    churn: churnOf(db, source, range, filter),
    loops: loopKpis,
    offers: offersOf(db, source, range, filter),
  })

  return {
    days: args.days,
    current: period(current, fbCurrent, loops.current),
    previous: period(previous, fbPrevious, loops.previous),
    trend: buckets.map((b, i) => ({
      ...b,
      ...(fbCurrent.trend[i] as (typeof fbCurrent.trend)[number]),
      ...(loopPoints[i] as (typeof loopPoints)[number]),
    })),
    topics: reduceTopics(topicDays(db, source, whole, filter), current, previous, buckets),
    movement: matrixMovement(db, source, current, cutoffs),
    watchlistSize: watchlistSize(db, source, filter),
    watchlistPrevious: watchlistSnapshotIn(db, previous, filter),
    facets: facets(db, whole),
    computedMs: performance.now() - started,
  }
}
