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
  const calls =
    source === 'rollup' ? callsWithOffers(db, range, filter) : callsWithOffersScan(db, range, filter)
  return {
    ...calls,
    presentationRate: rate(calls.callsWithOffer, calls.calls),
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

/**
 * While a call has no end yet, offers up to this long after its start belong to it (as the offer
 * service's "current call").
 */
export const OPEN_CALL_MS = 12 * 3_600_000

/** Calls of the period (`i`, customer `c`) under the offer tiles' filters; segment does not apply to a call. */
export function callWhere(filter: DashboardFilter): Where {
  const where = new Where().add('i.started_at >= @from AND i.started_at < @to')
  if (filter.agentId) where.add('i.user_id = @agentId', { agentId: filter.agentId })
  if (filter.team) where.add('i.user_id IN (SELECT id FROM users WHERE team = @team)', { team: filter.team })
  if (filter.vertical)
    where.add('(SELECT c.vertical FROM customers c WHERE c.id = i.customer_id) = @vertical', {
      vertical: filter.vertical,
    })
  return where
}

/** An offer event of the call's customer between the call's start and its end. */
export const OFFER_IN_CALL = `EXISTS (SELECT 1 FROM offer_events o WHERE o.customer_id = i.customer_id
  AND o.at >= i.started_at AND o.at <= coalesce(i.ended_at, i.started_at + ${OPEN_CALL_MS}))`

/** Offer presentation: calls of the period and those with an offer, through the call-time index (migration 12). */
function callsWithOffers(
  db: DB,
  range: DayRange,
  filter: DashboardFilter,
): { calls: number; callsWithOffer: number } {
  const where = callWhere(filter)
  return db
    .prepare(
      `SELECT count(*) AS calls, coalesce(sum(${OFFER_IN_CALL}), 0) AS callsWithOffer
         FROM interactions i INDEXED BY dash_interactions_started ${where.sql}`,
    )
    .get({ ...where.params, from: range.fromDay * DAY_MS, to: range.toDay * DAY_MS }) as {
    calls: number
    callsWithOffer: number
  }
}

/** The scan's offer presentation: every call and offer event read, matched in JS. */
function callsWithOffersScan(
  db: DB,
  range: DayRange,
  filter: DashboardFilter,
): { calls: number; callsWithOffer: number } {
  const users = new Map(
    (db.prepare(`SELECT id, team FROM users`).raw(true).all() as [number, string | null][]).map(
      ([id, team]) => [id, team],
    ),
  )
  const offersOf = new Map<number, number[]>()
  for (const [customerId, at] of db
    .prepare(`SELECT customer_id, at FROM offer_events NOT INDEXED`)
    .raw(true)
    .all() as [number, number][]) {
    const list = offersOf.get(customerId) ?? []
    list.push(at)
    offersOf.set(customerId, list)
  }
  const rows = db
    .prepare(
      `SELECT i.customer_id, i.user_id, i.started_at, i.ended_at, c.vertical
         FROM interactions i NOT INDEXED LEFT JOIN customers c ON c.id = i.customer_id`,
    )
    .raw(true)
    .all() as [number | null, number | null, number, number | null, string | null][]
  let calls = 0
  let callsWithOffer = 0
  for (const [customerId, userId, startedAt, endedAt, vertical] of rows) {
    if (startedAt < range.fromDay * DAY_MS || startedAt >= range.toDay * DAY_MS) continue
    if (filter.agentId && userId !== filter.agentId) continue
    if (filter.team && (userId === null || users.get(userId) !== filter.team)) continue
    if (filter.vertical && vertical !== filter.vertical) continue
    calls++
    const end = endedAt ?? startedAt + OPEN_CALL_MS
    if (customerId !== null && (offersOf.get(customerId) ?? []).some((at) => at >= startedAt && at <= end))
      callsWithOffer++
  }
  return { calls, callsWithOffer }
}
