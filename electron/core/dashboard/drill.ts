import type { DB } from '../db/connection'
import type { DashboardFilter, DrillResult, DrillTarget } from '../../../shared/ipc/dashboardContract'
import { bandOfBucket, DAY_MS, type DayRange } from '../../../shared/domain/kpi'
import { DEFAULT_INTENT_CUTOFFS, type IntentBandCutoffs } from '../../../shared/domain/intent'
import { segmentOf, type Segment } from '../../../shared/domain/segment'
import type { LoopStateName } from '../../../shared/domain/loopLifecycle'
import { feedbackExpr } from './rollups'
import { Where } from './query'
import { JOIN_DAY, WATCHLIST_THRESHOLD } from './customerTiles'
import { callWhere, OFFER_FROM, OFFER_IN_CALL, offerWhere, retentionSavesWhere } from './offerTiles'
import { loopWhere } from './loopTiles'
import { cellCode, codesOf } from './movement'

type Group = 'promoter' | 'passive' | 'detractor'
const GROUP_SQL: Record<Group, string> = {
  promoter: 'f.nps >= 9',
  passive: 'f.nps BETWEEN 7 AND 8',
  detractor: 'f.nps <= 6',
}
const BUCKETS = Array.from({ length: 11 }, (_, i) => i)

export interface DrillArgs {
  range: DayRange
  filter: DashboardFilter
  target: DrillTarget
  limit: number
  intentCutoffs?: IntentBandCutoffs
}

interface CustomerRow {
  customerId: number
  customerNo: string
  displayName: string
  segment: string | null
  at: number | null
  nps: number | null
  intent: number | null
}

/** Answers in a cell: its NPS group and the intent buckets of its band. */
function cellSql(group: Group, buckets: readonly number[], ib: string): string {
  return buckets.length ? `(${GROUP_SQL[group]} AND ${ib} IN (${buckets.join(', ')}))` : '0'
}

/**
 * The answers behind a feedback tile, newest first, one row per answer (the tiles count answers, so
 * the list length equals the number on the tile; a customer who answered twice appears twice).
 * Topic tiles ignore the segment filter, as their rollup does (FILTERS_APPLIED.topics).
 */
function feedbackCustomers(db: DB, args: DrillArgs, cutoffs: IntentBandCutoffs): CustomerRow[] {
  const e = feedbackExpr('f')
  const where = new Where().add('f.answered_at >= @from AND f.answered_at < @to', {
    from: args.range.fromDay * DAY_MS,
    to: args.range.toDay * DAY_MS,
  })
  const { filter, target } = args
  if (filter.vertical) where.add('c.vertical = @vertical', { vertical: filter.vertical })
  if (filter.channel) where.add(`${e.channel} = @channel`, { channel: filter.channel })
  if (filter.language) where.add(`${e.language} = @language`, { language: filter.language })
  const bandBuckets = (band: 'high' | 'medium' | 'low') =>
    BUCKETS.filter((b) => bandOfBucket(b, cutoffs) === band)
  if (filter.segment && target.kind !== 'topic') {
    const segment: Segment = filter.segment
    const cells = (['promoter', 'passive', 'detractor'] as const).map((g) =>
      cellSql(
        g,
        BUCKETS.filter((b) => segmentOf(g, bandOfBucket(b, cutoffs)) === segment),
        e.ib,
      ),
    )
    where.add(`(${cells.join(' OR ')})`)
  }
  if (target.kind === 'answers') where.add('f.nps IS NOT NULL')
  else if (target.kind === 'nps') where.add(GROUP_SQL[target.group])
  else if (target.kind === 'intent')
    where.add(
      target.bucket === undefined ? 'f.intent IS NOT NULL' : `${e.ib} = @bucket`,
      target.bucket === undefined ? {} : { bucket: target.bucket },
    )
  else if (target.kind === 'cell') where.add(cellSql(target.group, bandBuckets(target.band), e.ib))
  else if (target.kind === 'topic')
    where.add(`(',' || f.topics || ',') LIKE @topic`, { topic: `%,${target.topic},%` })
  return db
    .prepare(
      `SELECT c.id AS customerId, c.customer_no AS customerNo, c.display_name AS displayName,
              (SELECT i.segment FROM customer_insights i WHERE i.customer_id = c.id) AS segment,
              f.answered_at AS at, f.nps AS nps, f.intent AS intent
         FROM feedback f JOIN customers c ON c.id = f.customer_id ${where.sql}
        ORDER BY f.answered_at DESC, f.id DESC LIMIT @limit`,
    )
    .all({ ...where.params, limit: args.limit + 1 }) as CustomerRow[]
}

function distinctCustomers(rows: Iterable<CustomerRow>, max: number): CustomerRow[] {
  const seen = new Set<number>()
  const out: CustomerRow[] = []
  for (const r of rows) {
    if (seen.has(r.customerId)) continue
    seen.add(r.customerId)
    out.push(r)
    if (out.length >= max) break
  }
  return out
}

const CUSTOMER_COLUMNS = `c.id AS customerId, c.customer_no AS customerNo, c.display_name AS displayName`
const INSIGHT_SEGMENT = `(SELECT i.segment FROM customer_insights i WHERE i.customer_id = c.id) AS segment`

function churnedCustomers(db: DB, args: DrillArgs): CustomerRow[] {
  const where = new Where().add('c.churned_at >= @from AND c.churned_at < @to', {
    from: args.range.fromDay * DAY_MS,
    to: args.range.toDay * DAY_MS,
  })
  if (args.filter.vertical) where.add('c.vertical = @vertical', { vertical: args.filter.vertical })
  if (args.filter.language) where.add('c.language = @language', { language: args.filter.language })
  return db
    .prepare(
      `SELECT ${CUSTOMER_COLUMNS}, ${INSIGHT_SEGMENT}, c.churned_at AS at, NULL AS nps, NULL AS intent
         FROM customers c ${where.sql} ORDER BY c.churned_at DESC LIMIT @limit`,
    )
    .all({ ...where.params, limit: args.limit + 1 }) as CustomerRow[]
}

/** Customers there at the period's start (joined before it, not churned before it) and not lost during it. */
function retainedCustomers(db: DB, args: DrillArgs): CustomerRow[] {
  const where = new Where()
    .add(`${JOIN_DAY} < @fromDay`, { fromDay: args.range.fromDay })
    .add('(c.churned_at IS NULL OR c.churned_at >= @to)', { to: args.range.toDay * DAY_MS })
  if (args.filter.vertical) where.add('c.vertical = @vertical', { vertical: args.filter.vertical })
  if (args.filter.language) where.add('c.language = @language', { language: args.filter.language })
  return db
    .prepare(
      `SELECT ${CUSTOMER_COLUMNS}, ${INSIGHT_SEGMENT}, c.churned_at AS at, NULL AS nps, NULL AS intent
         FROM customers c ${where.sql} ORDER BY c.id LIMIT @limit`,
    )
    .all({ ...where.params, limit: args.limit + 1 }) as CustomerRow[]
}

function watchlistCustomers(db: DB, args: DrillArgs): CustomerRow[] {
  const where = new Where()
    .add("c.status = 'active'")
    .add(`(i.risk_score >= ${WATCHLIST_THRESHOLD} OR i.segment = 'at_risk_promoter')`)
  if (args.filter.segment) where.add('i.segment = @segment', { segment: args.filter.segment })
  if (args.filter.vertical) where.add('c.vertical = @vertical', { vertical: args.filter.vertical })
  if (args.filter.language) where.add('c.language = @language', { language: args.filter.language })
  return db
    .prepare(
      `SELECT ${CUSTOMER_COLUMNS}, i.segment AS segment, NULL AS at, i.nps AS nps, i.intent AS intent
         FROM customer_insights i JOIN customers c ON c.id = i.customer_id ${where.sql}
        ORDER BY i.risk_score * i.value_cents DESC LIMIT @limit`,
    )
    .all({ ...where.params, limit: args.limit + 1 }) as CustomerRow[]
}

function offerCustomers(
  db: DB,
  args: DrillArgs,
  outcome: Exclude<Extract<DrillTarget, { kind: 'offers' }>['outcome'], 'callsWithOffer'>,
): CustomerRow[] {
  const where =
    outcome === 'saves'
      ? retentionSavesWhere(args.filter)
      : offerWhere(args.filter, 'o.', 'c.vertical').add(
          'o.at >= @from AND o.at < @to AND o.outcome = @outcome',
          {
            outcome,
          },
        )
  const params = { ...where.params, from: args.range.fromDay * DAY_MS, to: args.range.toDay * DAY_MS }
  const select = `SELECT ${CUSTOMER_COLUMNS}, ${INSIGHT_SEGMENT}, o.at AS at, NULL AS nps, NULL AS intent ${OFFER_FROM} ${where.sql} ORDER BY o.at DESC, o.id DESC`
  // Saves count customers (each once); presented, accepted and declined count offer events.
  if (outcome !== 'saves')
    return db.prepare(`${select} LIMIT @limit`).all({ ...params, limit: args.limit + 1 }) as CustomerRow[]
  return distinctCustomers(
    db.prepare(select).iterate(params) as IterableIterator<CustomerRow>,
    args.limit + 1,
  )
}

/** The calls of the period in which an offer was made, newest first (one row per call). */
function callCustomers(db: DB, args: DrillArgs): CustomerRow[] {
  const where = callWhere(args.filter).add(OFFER_IN_CALL)
  return db
    .prepare(
      `SELECT ${CUSTOMER_COLUMNS}, ${INSIGHT_SEGMENT}, i.started_at AS at, NULL AS nps, NULL AS intent
         FROM interactions i INDEXED BY dash_interactions_started JOIN customers c ON c.id = i.customer_id
         ${where.sql} ORDER BY i.started_at DESC, i.id DESC LIMIT @limit`,
    )
    .all({
      ...where.params,
      from: args.range.fromDay * DAY_MS,
      to: args.range.toDay * DAY_MS,
      limit: args.limit + 1,
    }) as CustomerRow[]
}

/**
 * The steps behind a movement cell (see movement.ts): answers of the period with a cell in `to`
 * whose previous answer with a cell (same customer) was in `from`. No filters, as the tile.
 */
function movementCustomers(
  db: DB,
  args: DrillArgs,
  target: Extract<DrillTarget, { kind: 'movement' }>,
  cutoffs: IntentBandCutoffs,
): CustomerRow[] {
  const previous = `(SELECT q.id FROM feedback q WHERE q.customer_id = f.customer_id AND q.nps IS NOT NULL
      AND q.intent IS NOT NULL AND (q.answered_at < f.answered_at OR (q.answered_at = f.answered_at AND q.id < f.id))
    ORDER BY q.answered_at DESC, q.id DESC LIMIT 1)`
  return db
    .prepare(
      `SELECT ${CUSTOMER_COLUMNS}, ${INSIGHT_SEGMENT}, f.answered_at AS at, f.nps AS nps, f.intent AS intent
         FROM feedback f JOIN feedback p ON p.id = ${previous} JOIN customers c ON c.id = f.customer_id
        WHERE f.answered_at >= @from AND f.answered_at < @to AND f.nps IS NOT NULL AND f.intent IS NOT NULL
          AND ${cellCode('f')} IN (${codesOf(target.to, cutoffs).join(', ')})
          AND ${cellCode('p')} IN (${codesOf(target.from, cutoffs).join(', ')})
        ORDER BY f.answered_at DESC, f.id DESC LIMIT @limit`,
    )
    .all({
      from: args.range.fromDay * DAY_MS,
      to: args.range.toDay * DAY_MS,
      limit: args.limit + 1,
    }) as CustomerRow[]
}

interface LoopRow {
  loopId: number
  customerId: number
  customerNo: string
  displayName: string
  title: string
  state: LoopStateName
  createdAt: number
  resolvedAt: number | null
  assignee: string | null
}

const LOOP_STAGE: Record<
  Extract<DrillTarget, { kind: 'loops' }>['stage'],
  { time: 'created_at' | 'resolved_at'; extra?: string }
> = {
  opened: { time: 'created_at' },
  assigned: { time: 'created_at', extra: 'l.assigned_at IS NOT NULL' },
  firstAction: { time: 'created_at', extra: 'l.first_action_at IS NOT NULL' },
  informed: { time: 'created_at', extra: 'l.informed_at IS NOT NULL' },
  resolvedOfOpened: { time: 'created_at', extra: "l.state = 'resolved'" },
  resolved: { time: 'resolved_at' },
  slaMissed: { time: 'resolved_at', extra: 'l.due_at IS NOT NULL AND l.resolved_at > l.due_at' },
  reopened: { time: 'resolved_at', extra: 'l.reopen_count > 0' },
}

function drillLoops(db: DB, args: DrillArgs, stage: keyof typeof LOOP_STAGE): LoopRow[] {
  const { time, extra } = LOOP_STAGE[stage]
  const where = loopWhere(args.filter).add(`l.${time} >= @from AND l.${time} < @to`, {
    from: args.range.fromDay * DAY_MS,
    to: args.range.toDay * DAY_MS,
  })
  if (extra) where.add(extra)
  return db
    .prepare(
      `SELECT l.id AS loopId, ${CUSTOMER_COLUMNS}, l.title AS title, l.state AS state, l.created_at AS createdAt,
              l.resolved_at AS resolvedAt, u.name AS assignee
         FROM loops l INDEXED BY ${time === 'created_at' ? 'loops_created' : 'loops_resolved'}
              JOIN customers c ON c.id = l.customer_id LEFT JOIN users u ON u.id = l.assignee_id
         ${where.sql} ORDER BY l.${time} DESC LIMIT @limit`,
    )
    .all({ ...where.params, limit: args.limit + 1 }) as LoopRow[]
}

/** The customers or loops behind a number or chart element of the dashboard (at most `limit`). */
export function drill(db: DB, args: DrillArgs): DrillResult {
  const cutoffs = args.intentCutoffs ?? DEFAULT_INTENT_CUTOFFS
  const { target } = args
  if (target.kind === 'loops') {
    const rows = drillLoops(db, args, target.stage)
    return { kind: 'loops', rows: rows.slice(0, args.limit), truncated: rows.length > args.limit }
  }
  const rows =
    target.kind === 'churned'
      ? churnedCustomers(db, args)
      : target.kind === 'retained'
        ? retainedCustomers(db, args)
        : target.kind === 'watchlist'
          ? watchlistCustomers(db, args)
          : target.kind === 'movement'
            ? movementCustomers(db, args, target, cutoffs)
            : target.kind === 'offers'
              ? target.outcome === 'callsWithOffer'
                ? callCustomers(db, args)
                : offerCustomers(db, args, target.outcome)
              : feedbackCustomers(db, args, cutoffs)
  return { kind: 'customers', rows: rows.slice(0, args.limit), truncated: rows.length > args.limit }
}
