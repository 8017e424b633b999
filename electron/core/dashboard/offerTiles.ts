import type { DB } from '../db/connection'
import type { DashboardFilter, PeriodKpis } from '../../../shared/ipc/dashboardContract'
import { DAY_MS, rate, type DayRange } from '../../../shared/domain/kpi'
import { Where, type Source } from './query'

/** Segments whose customers count as "at risk" for retention saves. */
export const AT_RISK_SEGMENTS = ['churn_risk', 'at_risk_promoter'] as const

/** Filters on offer events: `o` is the event's column prefix ('' in the rollup), `v` the vertical column. */
export function offerWhere(filter: DashboardFilter, o: '' | 'o.', v: 'vertical' | 'c.vertical'): Where {
  const where = new Where()
  if (filter.segment) where.add(`${o}segment = @segment`, { segment: filter.segment })
  if (filter.vertical) where.add(`${v} = @vertical`, { vertical: filter.vertical })
  if (filter.agentId) where.add(`${o}user_id = @agentId`, { agentId: filter.agentId })
  if (filter.team)
    where.add(`${o}user_id IN (SELECT id FROM users WHERE team = @team)`, { team: filter.team })
  return where
}

/**
 * Offer outcomes of one period (presented, accepted, declined; acceptance = accepted / decided) and
 * retention saves: at-risk customers (segment at the time of the offer) who accepted an offer in
 * the period and have not churned since.
 */
export function offersOf(
  db: DB,
  source: Source,
  range: DayRange,
  filter: DashboardFilter,
): PeriodKpis['offers'] {
  const counts = { presented: 0, accepted: 0, declined: 0 }
  if (source === 'rollup') {
    const where = offerWhere(filter, '', 'vertical').add('day >= @fromDay AND day < @toDay', { ...range })
    const rows = db
      .prepare(`SELECT outcome, sum(n) AS n FROM dash_offer_day ${where.sql} GROUP BY outcome`)
      .all(where.params) as { outcome: keyof typeof counts; n: number }[]
    for (const r of rows) counts[r.outcome] += r.n
  } else {
    const where = offerWhere(filter, 'o.', 'c.vertical').add('o.at >= @from AND o.at < @to', {
      from: range.fromDay * DAY_MS,
      to: range.toDay * DAY_MS,
    })
    const rows = db
      .prepare(
        `SELECT o.outcome AS outcome, count(*) AS n FROM offer_events o NOT INDEXED JOIN customers c ON c.id = o.customer_id
          ${where.sql} GROUP BY o.outcome`,
      )
      .all(where.params) as { outcome: keyof typeof counts; n: number }[]
    for (const r of rows) counts[r.outcome] += r.n
  }
  return {
    ...counts,
    acceptanceRate: rate(counts.accepted, counts.accepted + counts.declined),
    saves: source === 'rollup' ? retentionSaves(db, range, filter) : retentionSavesScan(db, range, filter),
  }
}

/** The accepted offers behind `saves` (alias o, customer c); `@from`/`@to` bound the period. */
export function retentionSavesWhere(filter: DashboardFilter): Where {
  return offerWhere(filter, 'o.', 'c.vertical')
    .add("o.at >= @from AND o.at < @to AND o.outcome = 'accepted'")
    .add(`o.segment IN (${AT_RISK_SEGMENTS.map((s) => `'${s}'`).join(', ')})`)
    .add('c.churned_at IS NULL')
}

export const OFFER_FROM = 'FROM offer_events o JOIN customers c ON c.id = o.customer_id'

function retentionSaves(db: DB, range: DayRange, filter: DashboardFilter): number {
  const where = retentionSavesWhere(filter)
  return db
    .prepare(`SELECT count(DISTINCT o.customer_id) ${OFFER_FROM} ${where.sql}`)
    .pluck()
    .get({ ...where.params, from: range.fromDay * DAY_MS, to: range.toDay * DAY_MS }) as number
}

/**
 * The scan's retention saves: every offer event and its customer read without an index, the
 * conditions checked in JS, so the benchmark compares two different computations.
 */
function retentionSavesScan(db: DB, range: DayRange, filter: DashboardFilter): number {
  const teamOf = new Map(
    (db.prepare(`SELECT id, team FROM users`).raw(true).all() as [number, string | null][]).map(
      ([id, team]) => [id, team],
    ),
  )
  const rows = db
    .prepare(
      `SELECT o.customer_id, o.at, o.outcome, o.segment, o.user_id, c.vertical, c.churned_at
         FROM offer_events o NOT INDEXED JOIN customers c ON c.id = o.customer_id`,
    )
    .raw(true)
    .all() as [number, number, string, string | null, number | null, string, number | null][]
  const atRisk = new Set<string>(AT_RISK_SEGMENTS)
  const saved = new Set<number>()
  for (const [customerId, at, outcome, segment, userId, vertical, churnedAt] of rows) {
    if (at < range.fromDay * DAY_MS || at >= range.toDay * DAY_MS || outcome !== 'accepted') continue
    if (segment === null || !atRisk.has(segment) || churnedAt !== null) continue
    if (filter.segment && segment !== filter.segment) continue
    if (filter.vertical && vertical !== filter.vertical) continue
    if (filter.agentId && userId !== filter.agentId) continue
    if (filter.team && (userId === null || teamOf.get(userId) !== filter.team)) continue
    saved.add(customerId)
  }
  return saved.size
}
