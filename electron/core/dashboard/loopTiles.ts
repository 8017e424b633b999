import type { DB } from '../db/connection'
import type { DashboardFilter, PeriodKpis, TrendBucket } from '../../../shared/ipc/dashboardContract'
import { DAY_MS, durationStats, rate, type DayRange } from '../../../shared/domain/kpi'
import { Where, type Source } from './query'

/** The lifecycle times of one loop (ms), as the loops table keeps them. */
export interface LoopTimes {
  createdAt: number
  assignedAt: number | null
  firstActionAt: number | null
  informedAt: number | null
  resolvedAt: number | null
  dueAt: number | null
  reopenCount: number
  state: string
}

/**
 * Loop filters: the assignee's team and id, the segment and language the loop was opened with, the
 * customer's vertical. The vertical is kept on the loop (migration 9); the scan asks the customer,
 * so the benchmark and the property tests check that copy against its source.
 */
export function loopWhere(filter: DashboardFilter, source: Source = 'rollup'): Where {
  const where = new Where()
  if (filter.team)
    where.add('l.assignee_id IN (SELECT id FROM users WHERE team = @team)', { team: filter.team })
  if (filter.agentId) where.add('l.assignee_id = @agentId', { agentId: filter.agentId })
  if (filter.segment) where.add('l.segment = @segment', { segment: filter.segment })
  if (filter.language) where.add('l.language = @language', { language: filter.language })
  if (filter.vertical)
    where.add(
      source === 'scan'
        ? '(SELECT c.vertical FROM customers c WHERE c.id = l.customer_id) = @vertical'
        : 'l.vertical = @vertical',
      { vertical: filter.vertical },
    )
  return where
}

const COLUMNS = `l.created_at, l.assigned_at, l.first_action_at, l.informed_at, l.resolved_at, l.due_at, l.reopen_count, l.state`

/**
 * Loops opened and loops resolved in the span. Loops are the one fact table small enough to read
 * directly (about 100,000 in a large contact center): the created/resolved indexes bound each read
 * to the span's rows; the scan variant reads the whole table for the benchmark's comparison.
 */
export function loopRows(
  db: DB,
  source: Source,
  range: DayRange,
  filter: DashboardFilter,
): { opened: LoopTimes[]; resolved: LoopTimes[] } {
  const read = (column: 'created_at' | 'resolved_at') => {
    const where = loopWhere(filter, source).add(`l.${column} >= @from AND l.${column} < @to`, {
      from: range.fromDay * DAY_MS,
      to: range.toDay * DAY_MS,
    })
    // Index-only reads of the covering time indexes (migration 6): the wide loop rows stay on disk.
    const index = column === 'created_at' ? 'dash_loops_created' : 'dash_loops_resolved'
    // Databases migrated by an early draft of migration 6 lack the index: then the planner chooses.
    const indexed = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?`).get(index)
    const table =
      source === 'scan' ? 'loops l NOT INDEXED' : indexed ? `loops l INDEXED BY ${index}` : 'loops l'
    const rows = db.prepare(`SELECT ${COLUMNS} FROM ${table} ${where.sql}`).raw(true).all(where.params) as [
      number,
      number | null,
      number | null,
      number | null,
      number | null,
      number | null,
      number,
      string,
    ][]
    return rows.map(
      ([
        createdAt,
        assignedAt,
        firstActionAt,
        informedAt,
        resolvedAt,
        dueAt,
        reopenCount,
        state,
      ]): LoopTimes => ({
        createdAt,
        assignedAt,
        firstActionAt,
        informedAt,
        resolvedAt,
        dueAt,
        reopenCount,
        state,
      }),
    )
  }
  return { opened: read('created_at'), resolved: read('resolved_at') }
}

const inRange = (at: number | null, r: DayRange) =>
  at !== null && at >= r.fromDay * DAY_MS && at < r.toDay * DAY_MS
const since = (l: LoopTimes, at: number | null) => (at === null ? [] : [at - l.createdAt])

/** Resolved in time: resolved at or before the due date (loops without a due date are not counted). */
const slaMet = (l: LoopTimes) => l.dueAt !== null && l.resolvedAt !== null && l.resolvedAt <= l.dueAt

/**
 * Loop KPIs of one period. Opened-cohort measures (funnel, closure, time to first action and to
 * "customer informed") follow the loops opened in the period; resolve time, SLA compliance and
 * reopen rate follow the loops resolved in it. Closure = opened loops now resolved / opened loops
 * not cancelled.
 */
export function reduceLoops(
  rows: { opened: readonly LoopTimes[]; resolved: readonly LoopTimes[] },
  range: DayRange,
): PeriodKpis['loops'] {
  const opened = rows.opened.filter((l) => inRange(l.createdAt, range))
  const resolved = rows.resolved.filter((l) => inRange(l.resolvedAt, range))
  const notCancelled = opened.filter((l) => l.state !== 'cancelled').length
  const resolvedOfOpened = opened.filter((l) => l.state === 'resolved').length
  const withDue = resolved.filter((l) => l.dueAt !== null)
  const met = withDue.filter(slaMet).length
  const reopened = resolved.filter((l) => l.reopenCount > 0).length
  return {
    opened: opened.length,
    assigned: opened.filter((l) => l.assignedAt !== null).length,
    firstAction: opened.filter((l) => l.firstActionAt !== null).length,
    informed: opened.filter((l) => l.informedAt !== null).length,
    resolvedOfOpened,
    closureRate: rate(resolvedOfOpened, notCancelled),
    resolved: resolved.length,
    timeToFirstAction: durationStats(opened.flatMap((l) => since(l, l.firstActionAt))),
    timeToInformed: durationStats(opened.flatMap((l) => since(l, l.informedAt))),
    timeToResolve: durationStats(resolved.flatMap((l) => since(l, l.resolvedAt))),
    slaDue: withDue.length,
    slaMet: met,
    slaCompliance: rate(met, withDue.length),
    reopened,
    reopenRate: rate(reopened, resolved.length),
  }
}

export type LoopTrendPoint = Pick<TrendBucket, 'opened' | 'resolved' | 'closureRate' | 'slaCompliance'>

/** Per trend bucket, in one pass: each loop goes to the bucket of its creation and of its resolution. */
export function loopTrend(
  rows: { opened: readonly LoopTimes[]; resolved: readonly LoopTimes[] },
  buckets: readonly DayRange[],
): LoopTrendPoint[] {
  const bucketOf = (at: number | null) =>
    at === null ? -1 : buckets.findIndex((b) => at >= b.fromDay * DAY_MS && at < b.toDay * DAY_MS)
  const opened = buckets.map((): LoopTimes[] => [])
  const resolved = buckets.map((): LoopTimes[] => [])
  for (const l of rows.opened) opened[bucketOf(l.createdAt)]?.push(l)
  for (const l of rows.resolved) resolved[bucketOf(l.resolvedAt)]?.push(l)
  return buckets.map((b, i) => {
    const k = reduceLoops({ opened: opened[i] as LoopTimes[], resolved: resolved[i] as LoopTimes[] }, b)
    return {
      opened: k.opened,
      resolved: k.resolved,
      closureRate: k.closureRate,
      slaCompliance: k.slaCompliance,
    }
  })
}
