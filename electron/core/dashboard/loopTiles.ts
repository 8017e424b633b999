import type { DB } from '../db/connection'
import type { DashboardFilter, PeriodKpis, TrendBucket } from '../../../shared/ipc/dashboardContract'
import {
  DAY_MS,
  durationStats,
  medianIndexes,
  nearestRankIndex,
  rate,
  type DayRange,
  type DurationStats,
} from '../../../shared/domain/kpi'
import { span, Where, type Source } from './query'
import { OPENED_SUMS, RESOLVED_SUMS } from './loopRollups'

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
 * The raw rows the scan reduces in JS: loops opened and loops resolved in the span, read from the
 * table itself (no index), the vertical asked of the customer. The SQL path (loopTiles) never ships
 * rows; the benchmark and the property tests compare the two.
 */
export function loopRows(
  db: DB,
  range: DayRange,
  filter: DashboardFilter,
): { opened: LoopTimes[]; resolved: LoopTimes[] } {
  const read = (column: 'created_at' | 'resolved_at') => {
    const where = loopWhere(filter, 'scan').add(`l.${column} >= @from AND l.${column} < @to`, {
      from: range.fromDay * DAY_MS,
      to: range.toDay * DAY_MS,
    })
    const rows = db
      .prepare(`SELECT ${COLUMNS} FROM loops l NOT INDEXED ${where.sql}`)
      .raw(true)
      .all(where.params) as [
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

/** Loop KPIs of both periods and the trend of the current one, as the summary shows them. */
export interface LoopTiles {
  current: PeriodKpis['loops']
  previous: PeriodKpis['loops']
  trend: LoopTrendPoint[]
}

export interface LoopPeriods {
  current: DayRange
  previous: DayRange
  /** consecutive trend buckets covering the current period */
  buckets: readonly DayRange[]
}

/**
 * The loops tile. 'scan' reads the raw loop rows and reduces them in JS (reduceLoops); 'rollup'
 * never ships a loop row: the counts are sums of the daily loop rollups (migration 11) and each
 * median and p90 is one index walk in duration order (see loopDurations).
 */
export function loopTiles(db: DB, source: Source, periods: LoopPeriods, filter: DashboardFilter): LoopTiles {
  const { current, previous, buckets } = periods
  if (source === 'scan') {
    const rows = loopRows(db, span(current, previous), filter)
    return {
      current: reduceLoops(rows, current),
      previous: reduceLoops(rows, previous),
      trend: loopTrend(rows, buckets),
    }
  }
  const days = loopDays(db, span(current, previous), filter)
  const period = (range: DayRange) =>
    loopKpisFromCounts(sumDays(days, range), durationsOf(db, range, filter, sumDays(days, range)))
  return {
    current: period(current),
    previous: period(previous),
    trend: buckets.map((b) => {
      const c = sumDays(days, b)
      return {
        opened: c.opened,
        resolved: c.resolved,
        closureRate: rate(c.resolvedOfOpened, c.notCancelled),
        slaCompliance: rate(c.slaMet, c.slaDue),
      }
    }),
  }
}

interface LoopCounts {
  opened: number
  assigned: number
  firstAction: number
  informed: number
  resolvedOfOpened: number
  notCancelled: number
  resolved: number
  slaDue: number
  slaMet: number
  reopened: number
}

type DayCounts = { opened: Map<number, number[]>; resolved: Map<number, number[]> }

/** Rollup filters: the same as loopWhere's, on the rollup's key columns. */
function rollupWhere(filter: DashboardFilter, range: DayRange): Where {
  const where = new Where().add('day >= @fromDay AND day < @toDay', {
    fromDay: range.fromDay,
    toDay: range.toDay,
  })
  if (filter.team)
    where.add('assignee_id IN (SELECT id FROM users WHERE team = @team)', { team: filter.team })
  if (filter.agentId) where.add('assignee_id = @agentId', { agentId: filter.agentId })
  if (filter.segment) where.add('segment = @segment', { segment: filter.segment })
  if (filter.language) where.add('language = @language', { language: filter.language })
  if (filter.vertical) where.add('vertical = @vertical', { vertical: filter.vertical })
  return where
}

/** Per-day sums of both cohorts over the span: at most two rows per day reach JS. */
function loopDays(db: DB, range: DayRange, filter: DashboardFilter): DayCounts {
  const read = (table: string, sums: readonly string[]) => {
    const where = rollupWhere(filter, range)
    const rows = db
      .prepare(
        `SELECT day, ${sums.map((s) => `sum(${s})`).join(', ')} FROM ${table} ${where.sql} GROUP BY day`,
      )
      .raw(true)
      .all(where.params) as number[][]
    return new Map(rows.map(([day, ...values]) => [day as number, values]))
  }
  return {
    opened: read('dash_loop_opened_day', OPENED_SUMS),
    resolved: read('dash_loop_resolved_day', RESOLVED_SUMS),
  }
}

function sumDays(days: DayCounts, range: DayRange): LoopCounts {
  const o = Array<number>(OPENED_SUMS.length).fill(0)
  const r = Array<number>(RESOLVED_SUMS.length).fill(0)
  for (let day = range.fromDay; day < range.toDay; day++) {
    days.opened.get(day)?.forEach((v, i) => (o[i] = (o[i] as number) + v))
    days.resolved.get(day)?.forEach((v, i) => (r[i] = (r[i] as number) + v))
  }
  const [opened, assigned, firstAction, informed, resolvedOfOpened, notCancelled] = o as number[]
  const [resolved, slaDue, slaMet, reopened] = r as number[]
  return {
    opened: opened as number,
    assigned: assigned as number,
    firstAction: firstAction as number,
    informed: informed as number,
    resolvedOfOpened: resolvedOfOpened as number,
    notCancelled: notCancelled as number,
    resolved: resolved as number,
    slaDue: slaDue as number,
    slaMet: slaMet as number,
    reopened: reopened as number,
  }
}

function loopKpisFromCounts(
  c: LoopCounts,
  d: Pick<PeriodKpis['loops'], 'timeToFirstAction' | 'timeToInformed' | 'timeToResolve'>,
): PeriodKpis['loops'] {
  return {
    opened: c.opened,
    assigned: c.assigned,
    firstAction: c.firstAction,
    informed: c.informed,
    resolvedOfOpened: c.resolvedOfOpened,
    closureRate: rate(c.resolvedOfOpened, c.notCancelled),
    resolved: c.resolved,
    ...d,
    slaDue: c.slaDue,
    slaMet: c.slaMet,
    slaCompliance: rate(c.slaMet, c.slaDue),
    reopened: c.reopened,
    reopenRate: rate(c.reopened, c.resolved),
  }
}

/** Each time-to measure: its duration expression, the cohort's time column and its index (migration 11). */
const DURATIONS = {
  timeToFirstAction: {
    at: 'first_action_at',
    time: 'created_at',
    index: 'dash_loops_first_action_ms',
    byTime: 'dash_loops_created',
  },
  timeToInformed: {
    at: 'informed_at',
    time: 'created_at',
    index: 'dash_loops_informed_ms',
    byTime: 'dash_loops_created',
  },
  timeToResolve: {
    at: 'resolved_at',
    time: 'resolved_at',
    index: 'dash_loops_resolve_ms',
    byTime: 'dash_loops_resolved',
  },
} as const

/**
 * Sorting one value costs about as much as stepping over this many entries of an index walk
 * (measured on the 1M-customer benchmark database: ~0.4 us against ~0.05 us).
 */
const SORT_COST_IN_STEPS = 8

/**
 * Median and p90 of the three durations in SQL, exactly as shared/domain/kpi.ts defines them. The
 * number of values n is known from the rollup counts, so each statistic is the value at a known
 * rank. Two plans, whichever touches fewer entries:
 * - walk the index ordered by the duration and skip k matching entries (LIMIT 1 OFFSET k): about
 *   k * all / n steps, cheap when the period holds most loops (a year);
 * - read the period's n entries through the time index and sort them: cheap for a short period.
 */
function durationsOf(
  db: DB,
  range: DayRange,
  filter: DashboardFilter,
  counts: LoopCounts,
): Pick<PeriodKpis['loops'], 'timeToFirstAction' | 'timeToInformed' | 'timeToResolve'> {
  const n = {
    timeToFirstAction: counts.firstAction,
    timeToInformed: counts.informed,
    timeToResolve: counts.resolved,
  }
  let all: Record<keyof typeof DURATIONS, number> | null = null
  const allCounts = () =>
    (all ??= db
      .prepare(
        `SELECT (SELECT coalesce(sum(first_action), 0) FROM dash_loop_opened_day) AS timeToFirstAction,
                (SELECT coalesce(sum(informed), 0) FROM dash_loop_opened_day) AS timeToInformed,
                (SELECT coalesce(sum(resolved), 0) FROM dash_loop_resolved_day) AS timeToResolve`,
      )
      .get() as Record<keyof typeof DURATIONS, number>)
  const stats = (key: keyof typeof DURATIONS): DurationStats => {
    const count = n[key]
    if (count === 0) return { n: 0, medianMs: null, p90Ms: null }
    const { at, time, index, byTime } = DURATIONS[key]
    const where = loopWhere(filter)
      .add(`l.${at} IS NOT NULL`)
      .add(`l.${time} >= @from AND l.${time} < @to`, {
        from: range.fromDay * DAY_MS,
        to: range.toDay * DAY_MS,
      })
    const walk = count * SORT_COST_IN_STEPS > 0.7 * allCounts()[key]
    const duration = `l.${at} - l.created_at`
    const ranked = walk
      ? db.prepare(
          `SELECT ${duration} FROM loops l INDEXED BY ${index} ${where.sql}
            ORDER BY ${duration} LIMIT @take OFFSET @skip`,
        )
      : db.prepare(
          `SELECT d FROM (SELECT ${duration} AS d FROM loops l INDEXED BY ${byTime} ${where.sql})
            ORDER BY d LIMIT @take OFFSET @skip`,
        )
    const [lo] = medianIndexes(count)
    const middle = ranked.pluck().all({ ...where.params, take: 2 - (count % 2), skip: lo }) as number[]
    const p90 = ranked.pluck().get({ ...where.params, take: 1, skip: nearestRankIndex(count, 90) }) as number
    const a = middle[0] as number
    return { n: count, medianMs: (a + (middle[1] ?? a)) / 2, p90Ms: p90 }
  }
  return {
    timeToFirstAction: stats('timeToFirstAction'),
    timeToInformed: stats('timeToInformed'),
    timeToResolve: stats('timeToResolve'),
  }
}
