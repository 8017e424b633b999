import type { DB } from '../db/connection'
import type { DashboardFilter, PeriodKpis } from '../../../shared/ipc/dashboardContract'
import { churnFromCounts, DAY_MS, type DayRange } from '../../../shared/domain/kpi'
import { Where, type Source } from './query'

/** Risk at or above this puts an active customer on the watchlist (as insights.watchlist's default; migration 9's count triggers use 60 too). */
export const WATCHLIST_THRESHOLD = 60

/** The UTC day a customer joined (customers.customer_since is a date). */
export const JOIN_DAY = `coalesce(CAST(julianday(c.customer_since) - 2440587.5 AS INTEGER), 0)`

/**
 * Churn of one period: customers at its start (joined before minus churned before) and lost during
 * it. The rollup sums one row per day x vertical x language; the scan counts the customers.
 */
export function churnOf(
  db: DB,
  source: Source,
  range: DayRange,
  filter: DashboardFilter,
): PeriodKpis['churn'] {
  const where = new Where()
  const col = source === 'rollup' ? '' : 'c.'
  if (filter.vertical) where.add(`${col}vertical = @vertical`, { vertical: filter.vertical })
  if (filter.language) where.add(`${col}language = @language`, { language: filter.language })
  const params = { ...where.params, fromDay: range.fromDay, toDay: range.toDay }
  const row =
    source === 'rollup'
      ? db
          .prepare(
            `SELECT coalesce(sum(CASE WHEN day < @fromDay THEN joined END), 0) AS joinedBefore,
                    coalesce(sum(CASE WHEN day < @fromDay THEN churned END), 0) AS churnedBefore,
                    coalesce(sum(CASE WHEN day >= @fromDay THEN churned END), 0) AS lost
               FROM dash_customer_day ${where.add('day < @toDay').sql}`,
          )
          .get(params)
      : db
          .prepare(
            `SELECT coalesce(sum(${JOIN_DAY} < @fromDay), 0) AS joinedBefore,
                    coalesce(sum(c.churned_at < @from), 0) AS churnedBefore,
                    coalesce(sum(c.churned_at >= @from AND c.churned_at < @to), 0) AS lost
               FROM customers c ${where.sql}`,
          )
          .get({ ...params, from: range.fromDay * DAY_MS, to: range.toDay * DAY_MS })
  const r = row as { joinedBefore: number; churnedBefore: number; lost: number }
  return churnFromCounts(r.joinedBefore, r.churnedBefore, r.lost)
}

/**
 * Active customers on the watchlist now: risk at or over the threshold, or at-risk promoters. The
 * rollup sums the trigger-kept counts of migration 9 (a few dozen rows); the scan reads every insight.
 */
export function watchlistSize(db: DB, source: Source, filter: DashboardFilter): number {
  if (source === 'rollup') {
    const where = new Where()
    if (filter.segment) where.add('segment = @segment', { segment: filter.segment })
    if (filter.vertical) where.add('vertical = @vertical', { vertical: filter.vertical })
    if (filter.language) where.add('language = @language', { language: filter.language })
    return db
      .prepare(`SELECT coalesce(sum(n), 0) FROM dash_watchlist ${where.sql}`)
      .pluck()
      .get(where.params) as number
  }
  const where = new Where()
    .add("c.status = 'active'")
    .add(`(i.risk_score >= ${WATCHLIST_THRESHOLD} OR i.segment = 'at_risk_promoter')`)
  if (filter.segment) where.add('i.segment = @segment', { segment: filter.segment })
  if (filter.vertical) where.add('c.vertical = @vertical', { vertical: filter.vertical })
  if (filter.language) where.add('c.language = @language', { language: filter.language })
  return db
    .prepare(
      `SELECT count(*) FROM customer_insights i NOT INDEXED JOIN customers c ON c.id = i.customer_id ${where.sql}`,
    )
    .pluck()
    .get(where.params) as number
}
