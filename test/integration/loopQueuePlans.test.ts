import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/core'
import type { QueueFilter, QueueSort } from '../../electron/core/loops/loopQueries'
import { rng } from '../../bench/lib/rng'
import { createTestCore, sessionCaller } from '../helpers/call'
import { insertCustomers } from '../helpers/fixtures'
import { tempDir } from '../helpers/tmp'

const NOW = Date.UTC(2026, 9, 7, 8, 0)
const DAY = 86_400_000
const OPEN_LOOPS = 3_000

type Plan = Array<{ id: number; parent: number; detail: string }>

/**
 * Migration 16: every page the team lead's queue asks for (the combinations bench:loops times) is
 * an index walk, at any offset: the inner page query reads one covering queue index in the sort's
 * order, without a temp b-tree and without table rows. Checked on 3,000 open loops with
 * statistics, as a real database has them after the migration's ANALYZE.
 */
describe('loop queue: query plans of migration 16 and the assignee walk', () => {
  const tmp = tempDir()
  let core: Core
  const { as } = sessionCaller(() => core)
  const agents: number[] = []
  let lead = 0

  beforeAll(async () => {
    core = await createTestCore(tmp.file('plans.db'), () => NOW)
    insertCustomers(
      core.db,
      Array.from({ length: 200 }, (_, i) => ({ id: i + 1, firstName: 'Kundin', lastName: `Nr ${i + 1}` })),
    )
    const addUser = core.db.prepare(`INSERT INTO users (name, role, languages) VALUES (?, ?, 'de,en')`)
    // Names not in id order, so the name order is not the id order.
    for (const name of ['Zora', 'Anna', 'Mia', 'Ben', 'Lars', 'Anna'])
      agents.push(Number(addUser.run(name, 'agent').lastInsertRowid))
    lead = Number(addUser.run('Lea Lead', 'team_lead').lastInsertRowid)
    const random = rng(7)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T
    const insert = core.db.prepare(
      `INSERT INTO loops (customer_id, origin, type, title, state, priority, due_at, assignee_id, created_at,
                          updated_at, segment, topic, language, risk_score, value_cents, informed_at)
       VALUES (?, 'rule', ?, 'Schleife', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    core.db.transaction(() => {
      for (let i = 0; i < OPEN_LOOPS + 1_000; i++) {
        const finished = i >= OPEN_LOOPS
        const state = finished ? pick(['resolved', 'cancelled']) : pick(['open', 'assigned', 'in_progress'])
        const created = NOW - Math.floor(random() * 30 * DAY)
        insert.run(
          1 + Math.floor(random() * 200),
          pick(['service_recovery', 'retention', 'callback', 'upsell']),
          state,
          1 + Math.floor(random() * 5),
          // A few loops without a due date; many share one (ties broken by id).
          random() < 0.05 ? null : created + Math.floor(random() * 20) * 3_600_000,
          state === 'open' ? null : pick(agents),
          created,
          created,
          pick(['churn_risk', 'at_risk_promoter', 'loyal', null]),
          pick(['price', 'service', 'billing', null]),
          pick(['de', 'en']),
          Math.floor(random() * 100),
          Math.floor(random() * 100_000),
          random() < 0.1 ? created + DAY : null,
        )
      }
    })()
    core.db.exec('ANALYZE')
    await as('lead', 'session.signIn', { userId: lead })
  })
  afterAll(async () => {
    await core.close()
    tmp.cleanup()
  })

  const plan = (sql: string, params: unknown[]): Plan =>
    core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Plan
  /** The inner page query's steps (ids only); the outer one only joins names to 100 rows. */
  const pagePlan = (filter: Partial<QueueFilter>, sort: QueueSort, offset = 0) => {
    const sql = core.context.loops.queries.queueSql({ states: 'open', ...filter }, sort, NOW, lead)
    const steps = plan(sql.page, [...sql.params, 100, offset])
    const page = steps.find((p) => p.detail.startsWith('CO-ROUTINE page'))
    return steps
      .filter((p) => page && p.parent === page.id)
      .map((p) => p.detail)
      .join(' | ')
  }
  const countPlan = (filter: Partial<QueueFilter>) => {
    const sql = core.context.loops.queries.queueSql({ states: 'open', ...filter }, 'priority', NOW, lead)
    return plan(sql.count, sql.params)
      .map((p) => p.detail)
      .join(' | ')
  }

  it('reads each sort from its covering index in order, at the first and the last page', () => {
    const cases: Array<[Partial<QueueFilter>, QueueSort, string]> = [
      [{}, 'priority', 'SCAN l USING COVERING INDEX loops_queue'],
      [{}, 'due', 'SCAN l USING COVERING INDEX loops_queue_due'],
      [{}, 'sla', 'SCAN l USING COVERING INDEX loops_queue_sla'],
      [{}, 'segment', 'SCAN l USING COVERING INDEX loops_queue_segment'],
      [{}, 'topic', 'SCAN l USING COVERING INDEX loops_queue_topic'],
      [{}, 'risk', 'SCAN l USING COVERING INDEX loops_queue_risk'],
      [{ slaState: ['breached', 'due_soon'] }, 'due', 'SCAN l USING COVERING INDEX loops_queue_due'],
      [{ language: 'en', type: ['retention'] }, 'risk', 'SCAN l USING COVERING INDEX loops_queue_risk'],
    ]
    for (const [filter, sort, expected] of cases) {
      expect(pagePlan(filter, sort), `${sort} ${JSON.stringify(filter)}`).toBe(expected)
      expect(pagePlan(filter, sort, OPEN_LOOPS - 100), `last page ${sort}`).toBe(expected)
    }
  })

  it('answers list filters from an index range, still without table rows', () => {
    // Several priorities of the unassigned pool: one range per priority, in order.
    expect(pagePlan({ assignee: 'unassigned', priority: [1, 2] }, 'priority')).toBe(
      'SEARCH l USING COVERING INDEX loops_queue (priority=?)',
    )
    expect(pagePlan({ segment: ['churn_risk', 'at_risk_promoter'], topic: ['price'] }, 'priority')).toMatch(
      /^SEARCH l USING COVERING INDEX loops_queue_(topic|segment) /,
    )
    // One agent's loops by due date: their range of loops_queue_assignee, sorted (a few thousand).
    expect(pagePlan({ assignee: agents[0] as number }, 'due')).toBe(
      'SEARCH l USING COVERING INDEX loops_queue_assignee (assignee_id=?) | USE TEMP B-TREE FOR ORDER BY',
    )
  })

  it('counts the total from a partial covering index, never from the table', () => {
    for (const filter of [
      {},
      { slaState: ['breached', 'due_soon'] },
      { assignee: 'unassigned', priority: [1, 2] },
      { language: 'en', type: ['retention'] },
    ] as Array<Partial<QueueFilter>>) {
      expect(countPlan(filter), JSON.stringify(filter)).toMatch(
        /^(SCAN|SEARCH) l USING COVERING INDEX loops_queue/,
      )
    }
  })

  it('walks the assignees by name: each step an in-order index read, the counts one index walk', () => {
    const sql = core.context.loops.queries.assigneeSql({ states: 'open' }, NOW, lead)
    expect(
      plan(sql.counts, sql.params)
        .map((p) => p.detail)
        .join(' | '),
    ).toBe('SCAN l USING COVERING INDEX loops_queue_assignee')
    expect(
      plan(sql.assigned, [...sql.params, agents[0], 100, 500])
        .map((p) => p.detail)
        .join(' | '),
    ).toBe('SEARCH l USING COVERING INDEX loops_queue_assignee (assignee_id=?)')
    expect(
      plan(sql.unassigned, [...sql.params, 100, 500])
        .map((p) => p.detail)
        .join(' | '),
    ).toBe('SEARCH l USING COVERING INDEX loops_queue_assignee (assignee_id=?)')
  })

  it('gives the assignee order of the one-statement sort at every offset, with filters too', async () => {
    // The oracle: the whole order in one SQL statement (names from users, unassigned last).
    const oracle = (filter: Partial<QueueFilter>) => {
      const sql = core.context.loops.queries.queueSql({ states: 'open', ...filter }, 'assignee', NOW, lead)
      return (core.db.prepare(sql.page).all(...sql.params, 100_000, 0) as Array<{ id: number }>).map(
        (r) => r.id,
      )
    }
    for (const filter of [{}, { type: ['callback', 'upsell'] }, { priority: [1] }] as Array<
      Partial<QueueFilter>
    >) {
      const expected = oracle(filter)
      expect(expected.length).toBeGreaterThan(100)
      const pages: number[] = []
      for (let offset = 0; offset < expected.length; offset += 250) {
        const r = await as<{ total: number; rows: Array<{ id: number }> }>('lead', 'loops.queue', {
          filter,
          sort: 'assignee',
          offset,
          limit: 250,
        })
        expect(r.total).toBe(expected.length)
        pages.push(...r.rows.map((row) => row.id))
      }
      expect(pages).toEqual(expected)
    }
    // Hand-checked head of the order: the first two assignees are the two Annas (ids 2 and 6),
    // lower id first, then Ben; the unassigned come last.
    const firstPage = await as<{ rows: Array<{ assigneeId: number | null; assigneeName: string | null }> }>(
      'lead',
      'loops.queue',
      { sort: 'assignee', limit: 500 },
    )
    const firstNames = [...new Set(firstPage.rows.map((r) => `${r.assigneeName}#${r.assigneeId}`))]
    expect(firstNames.slice(0, 2)).toEqual([`Anna#${agents[1]}`, `Anna#${agents[5]}`])
    const lastPage = await as<{ rows: Array<{ assigneeId: number | null }> }>('lead', 'loops.queue', {
      sort: 'assignee',
      offset: OPEN_LOOPS - 10,
      limit: 10,
    })
    expect(lastPage.rows.map((r) => r.assigneeId)).toEqual(Array(10).fill(null))
  })
})
