import type { z } from 'zod'
import type { DB } from '../db/connection'
import type { LoopRowSchema, QueueFilterSchema, QueueSortSchema } from '../../../shared/ipc/loopsContract'
import { DUE_SOON_MS, slaState } from '../../../shared/domain/sla'
import type { LoopOrigin, LoopStateName, LoopType } from '../../../shared/domain/loopLifecycle'

export type LoopRow = z.infer<typeof LoopRowSchema>
export type QueueFilter = z.infer<typeof QueueFilterSchema>
export type QueueSort = z.infer<typeof QueueSortSchema>

/** The loops columns every reader needs, with the customer's and assignee's names. */
export const LOOP_COLUMNS = `
  l.id, l.customer_id, c.customer_no, c.display_name AS customer_name, l.title, l.type, l.origin,
  l.state, l.priority, l.due_at, l.assignee_id, u.name AS assignee_name, l.segment, l.topic,
  l.language, l.risk_score, l.value_cents, l.created_at, l.updated_at, l.informed_at,
  l.resolved_at, l.review_state, l.reopen_count`

export const LOOP_FROM = `
  FROM loops l
  JOIN customers c ON c.id = l.customer_id
  LEFT JOIN users u ON u.id = l.assignee_id`

export interface LoopDbRow {
  id: number
  customer_id: number
  customer_no: string
  customer_name: string
  title: string
  type: LoopType
  origin: LoopOrigin
  state: LoopStateName
  priority: number
  due_at: number | null
  assignee_id: number | null
  assignee_name: string | null
  segment: string | null
  topic: string | null
  language: string
  risk_score: number | null
  value_cents: number | null
  created_at: number
  updated_at: number
  informed_at: number | null
  resolved_at: number | null
  review_state: 'pending' | 'approved' | 'reopened' | null
  reopen_count: number
}

export function toLoopRow(r: LoopDbRow, now: number): LoopRow {
  const finished = r.state === 'cancelled'
  return {
    id: r.id,
    customerId: r.customer_id,
    customerNo: r.customer_no,
    customerName: r.customer_name,
    title: r.title,
    type: r.type,
    origin: r.origin,
    state: r.state,
    priority: r.priority,
    dueAt: r.due_at,
    slaState: finished ? 'ok' : slaState(r.due_at, now, r.informed_at),
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    segment: r.segment,
    topic: r.topic,
    language: r.language,
    riskScore: r.risk_score,
    valueCents: r.value_cents,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    informedAt: r.informed_at,
    resolvedAt: r.resolved_at,
    reviewState: r.review_state,
    reopenCount: r.reopen_count,
  }
}

// Written exactly as in the partial indexes' WHERE so SQLite can use them.
const UNFINISHED = `l.state NOT IN ('resolved', 'cancelled')`

const ORDER: Record<QueueSort, string> = {
  priority: 'l.priority, l.due_at, l.id',
  due: 'l.due_at, l.priority, l.id',
  // Worst SLA first: among loops not yet told to the customer the earliest due date is breached
  // longest (breached < due soon < on track); then those without a due date, then the informed.
  // Written exactly as the expression index loops_queue_sla (migration 13).
  sla: '(l.informed_at IS NOT NULL), (l.due_at IS NULL), l.due_at, l.priority, l.id',
  segment: 'l.segment, l.topic, l.priority, l.due_at, l.id',
  topic: 'l.topic, l.priority, l.due_at, l.id',
  // By the assignee's name (unassigned last), then the assignee's own order. Names live in users,
  // so no index gives this order over all loops: queue() walks the assignees in name order
  // instead and reads each one's loops from loops_queue_assignee (see assigneePage). This
  // expression is the same order in one statement, for queueSql's callers and the tests.
  assignee:
    '(l.assignee_id IS NULL), (SELECT au.name FROM users au WHERE au.id = l.assignee_id), l.assignee_id, l.priority, l.due_at, l.id',
  created: 'l.created_at DESC, l.id DESC',
  risk: 'l.risk_score DESC, l.id',
  value: 'l.value_cents DESC, l.id',
  updated: 'l.updated_at DESC, l.id DESC',
}

type Param = string | number

/** Builds the WHERE clause of a queue request; every value is bound, never spliced. */
export function queueWhere(filter: QueueFilter, now: number, me: number): { sql: string; params: Param[] } {
  const terms: string[] = []
  const params: Param[] = []
  const inList = (column: string, values: readonly Param[]) => {
    terms.push(`${column} IN (${values.map(() => '?').join(', ')})`)
    params.push(...values)
  }
  if (filter.states === 'open') terms.push(UNFINISHED)
  else inList('l.state', filter.states)
  if (filter.assignee === 'me') {
    terms.push('l.assignee_id = ?')
    params.push(me)
  } else if (filter.assignee === 'unassigned') {
    // Unary + keeps SQLite off the assignee index here: unassigned loops are many, and the
    // covering queue index answers the whole filter without reading table rows.
    terms.push('+l.assignee_id IS NULL')
  } else if (typeof filter.assignee === 'number') {
    terms.push('l.assignee_id = ?')
    params.push(filter.assignee)
  }
  if (filter.priority?.length) inList('l.priority', filter.priority)
  if (filter.segment?.length) inList('l.segment', filter.segment)
  if (filter.topic?.length) inList('l.topic', filter.topic)
  if (filter.type?.length) inList('l.type', filter.type)
  if (filter.language) {
    terms.push('l.language = ?')
    params.push(filter.language)
  }
  if (filter.customerId !== undefined) {
    terms.push('l.customer_id = ?')
    params.push(filter.customerId)
  }
  if (filter.reviewState) {
    terms.push('l.review_state = ?')
    params.push(filter.reviewState)
  }
  if (filter.slaState?.length) {
    const soon = now + DUE_SOON_MS
    const alternatives: string[] = []
    for (const state of filter.slaState) {
      if (state === 'breached') {
        alternatives.push('(l.informed_at IS NULL AND l.due_at < ?)')
        params.push(now)
      } else if (state === 'due_soon') {
        alternatives.push('(l.informed_at IS NULL AND l.due_at >= ? AND l.due_at <= ?)')
        params.push(now, soon)
      } else if (state === 'ok') {
        alternatives.push('(l.informed_at IS NULL AND (l.due_at IS NULL OR l.due_at > ?))')
        params.push(soon)
      } else if (state === 'met')
        alternatives.push('(l.informed_at IS NOT NULL AND l.informed_at <= l.due_at)')
      else alternatives.push('(l.informed_at IS NOT NULL AND l.informed_at > l.due_at)')
    }
    terms.push(`(${alternatives.join(' OR ')})`)
  }
  return { sql: terms.length ? `WHERE ${terms.join(' AND ')}` : '', params }
}

/**
 * The team lead's queue and every task list: one filtered, sorted page plus the total. Statements
 * are cached per query shape, so a scrolling list re-runs a prepared statement.
 */
export function createLoopQueries(db: DB) {
  const cache = new Map<string, ReturnType<typeof db.prepare<Param[]>>>()
  const prepared = (sql: string) => {
    let stmt = cache.get(sql)
    if (!stmt) {
      stmt = db.prepare<Param[]>(sql)
      if (cache.size > 200) cache.clear()
      cache.set(sql, stmt)
    }
    return stmt
  }
  const byId = db.prepare<[number], LoopDbRow>(`SELECT ${LOOP_COLUMNS} ${LOOP_FROM} WHERE l.id = ?`)
  // A scrolling list asks for the same total page after page. It is kept until anything is written:
  // data_version moves when another connection (the import worker) commits, total_changes() when
  // this one writes.
  const dataVersion = db.prepare('PRAGMA data_version').pluck()
  const totalChanges = db.prepare('SELECT total_changes()').pluck()
  const totals = new Map<string, { n: number; stamp: string }>()
  const stamp = () => `${String(dataVersion.get())}:${String(totalChanges.get())}`
  function total(sql: string, params: Param[], cacheable: boolean): number {
    const key = `${sql}\u0000${JSON.stringify(params)}`
    const now = stamp()
    const hit = cacheable ? totals.get(key) : undefined
    if (hit && hit.stamp === now) return hit.n
    const n = (prepared(sql).get(...params) as { n: number }).n
    if (cacheable) {
      if (totals.size > 100) totals.clear()
      totals.set(key, { n, stamp: now })
    }
    return n
  }

  const userNames = db.prepare<[], { id: number; name: string }>(`SELECT id, name FROM users`)
  const rowsByIds = db.prepare<[string], LoopDbRow>(
    `SELECT ${LOOP_COLUMNS} ${LOOP_FROM} WHERE l.id IN (SELECT value FROM json_each(?))`,
  )
  // Per-assignee counts and pages are cached like the totals: the counts answer the total too.
  const groupCounts = new Map<
    string,
    { groups: Array<{ assignee: number | null; n: number }>; stamp: string }
  >()

  /**
   * The assignee order without sorting all open loops: count the filtered loops per assignee (one
   * walk of loops_queue_assignee, also the total), order the assignees by name in JS (a few dozen
   * users; unassigned last, ties by id), skip whole assignees until the offset falls inside one,
   * and read pages from there in (priority, due_at, id) order, which that index holds for each.
   */
  /** The assignee walk's statements: counts per assignee, and one assignee's loops in order. */
  function assigneeSql(filter: QueueFilter, now: number, me: number) {
    const where = queueWhere(filter, now, me)
    const and = where.sql ? `${where.sql} AND` : 'WHERE'
    const group = (assignee: 'null' | 'id') =>
      `SELECT l.id FROM loops l ${and} ${assignee === 'null' ? 'l.assignee_id IS NULL' : 'l.assignee_id = ?'}
        ORDER BY l.priority, l.due_at, l.id LIMIT ? OFFSET ?`
    return {
      counts: `SELECT l.assignee_id AS assignee, count(*) AS n FROM loops l ${where.sql} GROUP BY l.assignee_id`,
      unassigned: group('null'),
      assigned: group('id'),
      params: where.params,
    }
  }

  /**
   * The assignee order without sorting all open loops: count the filtered loops per assignee (one
   * walk of loops_queue_assignee, also the total), order the assignees by name in JS (a few dozen
   * users; unassigned last, ties by id), skip whole assignees until the offset falls inside one,
   * and read pages from there in (priority, due_at, id) order, which that index holds for each.
   */
  function assigneePage(filter: QueueFilter, offset: number, limit: number, now: number, me: number) {
    const q = assigneeSql(filter, now, me)
    const key = `${q.counts}\u0000${JSON.stringify(q.params)}`
    const stampNow = stamp()
    // SLA filters compare with the clock: their counts change without writes.
    const cacheable = !filter.slaState?.length
    let groups = cacheable ? groupCounts.get(key) : undefined
    if (!groups || groups.stamp !== stampNow) {
      const counted = prepared(q.counts).all(...q.params) as Array<{ assignee: number | null; n: number }>
      groups = { groups: counted, stamp: stampNow }
      if (cacheable) {
        if (groupCounts.size > 100) groupCounts.clear()
        groupCounts.set(key, groups)
      }
    }
    const names = new Map(userNames.all().map((u) => [u.id, u.name]))
    const ordered = [...groups.groups].sort((a, b) => {
      if ((a.assignee === null) !== (b.assignee === null)) return a.assignee === null ? 1 : -1
      const an = a.assignee === null ? '' : (names.get(a.assignee) ?? '')
      const bn = b.assignee === null ? '' : (names.get(b.assignee) ?? '')
      // As SQLite's BINARY collation (UTF-8 bytes) for every name without characters beyond the BMP.
      if (an !== bn) return an < bn ? -1 : 1
      return (a.assignee ?? 0) - (b.assignee ?? 0)
    })
    const ids: number[] = []
    let skip = offset
    for (const group of ordered) {
      if (ids.length >= limit) break
      if (skip >= group.n) {
        skip -= group.n
        continue
      }
      const page =
        group.assignee === null
          ? prepared(q.unassigned).all(...q.params, limit - ids.length, skip)
          : prepared(q.assigned).all(...q.params, group.assignee, limit - ids.length, skip)
      ids.push(...(page as Array<{ id: number }>).map((r) => r.id))
      skip = 0
    }
    const byId = new Map(rowsByIds.all(JSON.stringify(ids)).map((r) => [r.id, r]))
    const rows = ids.map((id) => byId.get(id)).filter((r): r is LoopDbRow => r !== undefined)
    return {
      total: groups.groups.reduce((sum, g) => sum + g.n, 0),
      rows: rows.map((r) => toLoopRow(r, now)),
    }
  }

  return {
    assigneeSql,
    queueSql(filter: QueueFilter, sort: QueueSort, now: number, me: number) {
      const where = queueWhere(filter, now, me)
      // Two steps: the page's ids from the loops indexes alone, then names for just those rows
      // (joining first would look up a customer for every row skipped by OFFSET or the sort).
      return {
        page: `SELECT ${LOOP_COLUMNS}
                 FROM (SELECT l.id FROM loops l ${where.sql} ORDER BY ${ORDER[sort]} LIMIT ? OFFSET ?) AS page
                 JOIN loops l ON l.id = page.id
                 JOIN customers c ON c.id = l.customer_id
                 LEFT JOIN users u ON u.id = l.assignee_id
                ORDER BY ${ORDER[sort]}`,
        count: `SELECT count(*) AS n FROM loops l ${where.sql}`,
        params: where.params,
      }
    },
    queue(filter: QueueFilter, sort: QueueSort, offset: number, limit: number, now: number, me: number) {
      if (sort === 'assignee') return assigneePage(filter, offset, limit, now, me)
      const q = this.queueSql(filter, sort, now, me)
      const rows = prepared(q.page).all(...q.params, limit, offset) as LoopDbRow[]
      // SLA filters compare with the clock: their totals change without writes.
      const n = total(q.count, q.params, !filter.slaState?.length)
      return { total: n, rows: rows.map((r) => toLoopRow(r, now)) }
    },
    /** For benchmarks: forget the cached totals so the next query counts again. */
    clearTotals(): void {
      totals.clear()
      groupCounts.clear()
    },
    row(id: number): LoopDbRow | undefined {
      return byId.get(id)
    },
  }
}

export type LoopQueries = ReturnType<typeof createLoopQueries>
