import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type DB } from '../../electron/core/db/connection'
import { rebuildDashboardRollups, ROLLUP_TABLES } from '../../electron/core/dashboard/rollups'
import { dashboardSummary } from '../../electron/core/dashboard/summary'
import { LOOP_ROLLUP_TABLES, rebuildLoopRollups } from '../../electron/core/dashboard/loopRollups'
import { drill } from '../../electron/core/dashboard/drill'
import type { Core } from '../../electron/core/core'
import type { DashboardFilter, DashboardSummary, DrillTarget } from '../../shared/ipc/dashboardContract'
import { recordWatchlistSnapshot } from '../../electron/core/dashboard/watchlistSnapshots'
import { rebuildMovement } from '../../electron/core/dashboard/movement'
import { feedbackRollupQuery } from '../../electron/core/dashboard/feedbackTiles'
import { createBulkRollups } from '../../electron/core/dashboard/bulkRollups'
import { createTestCore } from '../helpers/call'
import { tempDir } from '../helpers/tmp'

const DAY = 86_400_000
/** Day 20000 (2024-10-04) at noon: the test's "now" is day 20 after it. */
const BASE = 20_000 * DAY + 12 * 3_600_000
const NOW = BASE + 20 * DAY
const HOUR = 3_600_000

function addCustomers(db: DB, n: number): void {
  const insert = db.prepare(
    `INSERT INTO customers (id, customer_no, last_name, display_name, vertical, language, customer_since, created_at, updated_at)
     VALUES (?, ?, 'N', ?, ?, ?, '2024-01-01', 0, 0)`,
  )
  for (let id = 1; id <= n; id++)
    insert.run(id, `K${id}`, `Kunde ${id}`, id % 2 ? 'telecom' : 'saas', id % 3 ? 'de' : 'en')
}

/** Non-zero rollup rows of every table, in a stable order. */
function rollupSnapshot(db: DB): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {}
  for (const table of [...ROLLUP_TABLES, ...LOOP_ROLLUP_TABLES, 'dash_move_day']) {
    const rows = db.prepare(`SELECT * FROM ${table}`).all() as Record<string, number | string>[]
    out[table] = rows
      .filter((r) =>
        Object.entries(r).some(
          ([k, v]) =>
            typeof v === 'number' &&
            v !== 0 &&
            !['day', 'ib', 'user_id', 'assignee_id', 'from_cell', 'to_cell'].includes(k),
        ),
      )
      .map((r) => JSON.stringify(r))
      .sort()
  }
  return out
}

/** The trigger-kept watchlist counts (migration 9) without the rows that went back to zero. */
const watchlistCounts = (db: DB) =>
  db.prepare(`SELECT segment, vertical, language, n FROM dash_watchlist WHERE n <> 0 ORDER BY 1, 2, 3`).all()

/** The same counts straight from the insights and customers. */
const rawWatchlistCounts = (db: DB) =>
  db
    .prepare(
      `SELECT coalesce(i.segment, '') AS segment, c.vertical, c.language, count(*) AS n
         FROM customer_insights i JOIN customers c ON c.id = i.customer_id
        WHERE c.status = 'active' AND (i.risk_score >= 60 OR i.segment = 'at_risk_promoter')
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .all()

const withoutTiming = (s: DashboardSummary) => ({ ...s, computedMs: 0 })

const intentArb = fc.constantFrom(null, 0, 0.25, 0.3, 0.5, 0.57, 0.69, 0.7, 0.75, 1)
const feedbackFields = {
  nps: fc.option(fc.integer({ min: 0, max: 10 })),
  intent: intentArb,
  channel: fc.constantFrom(null, 'email', 'web'),
  language: fc.constantFrom(null, 'de', 'en'),
  day: fc.integer({ min: 0, max: 20 }),
  topics: fc.constantFrom(null, 'price', 'price,service', 'billing'),
}
const loopOps = [
  // Loops carry their customer's vertical (migration 9); the scan asks the customer. Their whole
  // lifecycle moves them between the rollup rows (migration 11): assignee (and so team), the funnel
  // steps, resolve/reopen (SLA, reopen rate, time to resolve) and cancel.
  fc.record({
    op: fc.constant('addLoop' as const),
    c: fc.integer({ min: 1, max: 4 }),
    day: fc.integer({ min: 0, max: 20 }),
    hour: fc.integer({ min: 0, max: 23 }),
    resolvedDay: fc.option(fc.integer({ min: 0, max: 20 })),
    assignee: fc.constantFrom(null, 1, 2),
    segment: fc.constantFrom(null, 'churn_risk', 'loyal_advocate'),
    language: fc.constantFrom('de', 'en'),
  }),
  fc.record({
    op: fc.constant('assignLoop' as const),
    pick: fc.nat(),
    assignee: fc.constantFrom(null, 1, 2),
  }),
  fc.record({
    op: fc.constant('stepLoop' as const),
    pick: fc.nat(),
    step: fc.constantFrom('first_action_at', 'informed_at'),
    afterHours: fc.integer({ min: 0, max: 200 }),
  }),
  fc.record({
    op: fc.constant('resolveLoop' as const),
    pick: fc.nat(),
    afterHours: fc.integer({ min: 0, max: 400 }),
  }),
  fc.record({ op: fc.constant('reopenLoop' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('cancelLoop' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('deleteLoop' as const), pick: fc.nat() }),
] as const
const opArb = fc.oneof(
  fc.record({
    op: fc.constant('addFeedback' as const),
    c: fc.integer({ min: 1, max: 4 }),
    ...feedbackFields,
  }),
  fc.record({ op: fc.constant('updateFeedback' as const), pick: fc.nat(), ...feedbackFields }),
  // An import batch: several answers (often the same customer's, same day) inserted in bulk mode,
  // the rollups and movement then brought up to date set-based (dashboard/bulkRollups.ts).
  fc.record({
    op: fc.constant('bulkFeedback' as const),
    rows: fc.array(fc.record({ c: fc.integer({ min: 1, max: 4 }), ...feedbackFields }), {
      minLength: 1,
      maxLength: 8,
    }),
  }),
  fc.record({ op: fc.constant('deleteFeedback' as const), pick: fc.nat() }),
  fc.record({
    op: fc.constant('updateCustomer' as const),
    c: fc.integer({ min: 1, max: 4 }),
    vertical: fc.constantFrom('telecom', 'saas', 'ecommerce'),
    language: fc.constantFrom('de', 'en'),
    churnDay: fc.option(fc.integer({ min: 0, max: 20 })),
    since: fc.constantFrom('2024-01-01', '2024-10-10'),
  }),
  fc.record({ op: fc.constant('deleteCustomer' as const), c: fc.integer({ min: 1, max: 4 }) }),
  fc.record({
    op: fc.constant('addOffer' as const),
    c: fc.integer({ min: 1, max: 4 }),
    outcome: fc.constantFrom('presented', 'accepted', 'declined'),
    segment: fc.constantFrom(null, 'churn_risk', 'loyal_advocate'),
    user: fc.constantFrom(null, 1),
    day: fc.integer({ min: 0, max: 20 }),
  }),
  fc.record({
    op: fc.constant('updateOffer' as const),
    pick: fc.nat(),
    outcome: fc.constantFrom('accepted', 'declined'),
  }),
  fc.record({ op: fc.constant('deleteOffer' as const), pick: fc.nat() }),
  // Watchlist counts (migration 9): insights entering and leaving the list, as the app upserts them.
  fc.record({
    op: fc.constant('upsertInsight' as const),
    c: fc.integer({ min: 1, max: 4 }),
    risk: fc.constantFrom(10, 59, 60, 85),
    segment: fc.constantFrom(null, 'at_risk_promoter', 'churn_risk', 'loyal_advocate'),
  }),
  fc.record({ op: fc.constant('deleteInsight' as const), c: fc.integer({ min: 1, max: 4 }) }),
  ...loopOps,
)
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never
type FeedbackFields = {
  [K in keyof typeof feedbackFields]: (typeof feedbackFields)[K] extends fc.Arbitrary<infer T> ? T : never
}

const feedbackValues = (f: FeedbackFields) => ({
  nps: f.nps,
  intent: f.intent,
  scale: f.intent === null ? null : 'percent',
  raw: f.intent === null ? null : f.intent * 100,
  channel: f.channel,
  language: f.language,
  at: BASE + f.day * DAY,
  topics: f.topics,
})

function apply(db: DB, op: Op): void {
  const pickFrom = (table: string, pick: number) => {
    const ids = db.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all() as number[]
    return ids.length ? (ids[pick % ids.length] as number) : null
  }
  const customerExists = (c: number) =>
    db.prepare('SELECT 1 FROM customers WHERE id = ?').get(c) !== undefined
  const insertFeedback = (c: number, f: FeedbackFields) =>
    db
      .prepare(
        `INSERT INTO feedback (customer_id, nps, intent, intent_scale, intent_raw, channel, language, source, source_response_id, answered_at, created_at, topics)
         VALUES (@c, @nps, @intent, @scale, @raw, @channel, @language, 't', @rid, @at, 0, @topics)`,
      )
      .run({ ...feedbackValues(f), c, rid: `r${Math.random()}` })
  switch (op.op) {
    case 'bulkFeedback': {
      const rows = op.rows.filter((r) => customerExists(r.c))
      createBulkRollups(db)(() => {
        for (const r of rows) insertFeedback(r.c, r)
      })
      return
    }
    case 'addFeedback':
    case 'updateFeedback': {
      const values = feedbackValues(op)
      if (op.op === 'addFeedback') {
        if (customerExists(op.c)) insertFeedback(op.c, op)
      } else {
        const id = pickFrom('feedback', op.pick)
        if (id !== null)
          db.prepare(
            `UPDATE feedback SET nps = @nps, intent = @intent, intent_scale = @scale, intent_raw = @raw, channel = @channel,
               language = @language, answered_at = @at, topics = @topics WHERE id = @id`,
          ).run({ ...values, id })
      }
      return
    }
    case 'deleteFeedback': {
      const id = pickFrom('feedback', op.pick)
      if (id !== null) db.prepare('DELETE FROM feedback WHERE id = ?').run(id)
      return
    }
    case 'updateCustomer':
      db.prepare(
        `UPDATE customers SET vertical = ?, language = ?, churned_at = ?, status = ?, customer_since = ? WHERE id = ?`,
      ).run(
        op.vertical,
        op.language,
        op.churnDay === null ? null : BASE + op.churnDay * DAY,
        op.churnDay === null ? 'active' : 'churned',
        op.since,
        op.c,
      )
      return
    case 'deleteCustomer':
      // Loops are never deleted in the app, so neither are customers who have one.
      if (db.prepare('SELECT 1 FROM loops WHERE customer_id = ?').get(op.c)) return
      db.prepare('DELETE FROM customers WHERE id = ?').run(op.c)
      return
    case 'upsertInsight':
      if (!customerExists(op.c)) return
      db.prepare(
        `INSERT INTO customer_insights (customer_id, segment, risk_score, flags_json, value_cents, computed_at)
         VALUES (?, ?, ?, '[]', 0, 0)
         ON CONFLICT(customer_id) DO UPDATE SET segment = excluded.segment, risk_score = excluded.risk_score`,
      ).run(op.c, op.segment, op.risk)
      return
    case 'deleteInsight':
      db.prepare('DELETE FROM customer_insights WHERE customer_id = ?').run(op.c)
      return
    case 'addLoop': {
      if (!customerExists(op.c)) return
      const created = BASE + op.day * DAY + op.hour * HOUR
      const resolved = op.resolvedDay === null ? null : Math.max(created, BASE + op.resolvedDay * DAY)
      db.prepare(
        `INSERT INTO loops (customer_id, origin, type, title, state, created_at, updated_at, resolved_at, due_at,
                            assignee_id, assigned_at, segment, language)
         VALUES (?, 'manual', 'callback', 'L', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        op.c,
        resolved === null ? (op.assignee === null ? 'open' : 'assigned') : 'resolved',
        created,
        created,
        resolved,
        created + 2 * DAY,
        op.assignee,
        op.assignee === null ? null : created,
        op.segment,
        op.language,
      )
      return
    }
    case 'assignLoop': {
      const id = pickFrom('loops', op.pick)
      if (id !== null)
        db.prepare(
          `UPDATE loops SET assignee_id = ?, assigned_at = CASE WHEN ? IS NULL THEN NULL ELSE created_at + ${HOUR} END,
             state = CASE WHEN state = 'open' AND ? IS NOT NULL THEN 'assigned' ELSE state END WHERE id = ?`,
        ).run(op.assignee, op.assignee, op.assignee, id)
      return
    }
    case 'stepLoop': {
      const id = pickFrom('loops', op.pick)
      if (id !== null)
        db.prepare(
          `UPDATE loops SET ${op.step} = created_at + ?,
             state = CASE WHEN state IN ('resolved', 'cancelled') THEN state
                          WHEN '${op.step}' = 'informed_at' THEN 'customer_informed' ELSE 'action_taken' END
           WHERE id = ?`,
        ).run(op.afterHours * HOUR, id)
      return
    }
    case 'resolveLoop': {
      const id = pickFrom('loops', op.pick)
      if (id !== null)
        db.prepare(`UPDATE loops SET state = 'resolved', resolved_at = created_at + ? WHERE id = ?`).run(
          op.afterHours * HOUR,
          id,
        )
      return
    }
    case 'reopenLoop': {
      const id = pickFrom('loops', op.pick)
      // As the loop service reopens: the resolution goes, the count goes up.
      if (id !== null)
        db.prepare(
          `UPDATE loops SET state = 'reopened', resolved_at = NULL, reopen_count = reopen_count + 1
            WHERE id = ? AND state = 'resolved'`,
        ).run(id)
      return
    }
    case 'cancelLoop': {
      const id = pickFrom('loops', op.pick)
      if (id !== null) db.prepare(`UPDATE loops SET state = 'cancelled' WHERE id = ?`).run(id)
      return
    }
    case 'deleteLoop': {
      // The app never deletes loops (migration 4 refuses); the run lifts that guard to check the
      // rollups' delete trigger too.
      const id = pickFrom('loops', op.pick)
      if (id !== null) db.prepare('DELETE FROM loops WHERE id = ?').run(id)
      return
    }
    case 'addOffer':
      if (!customerExists(op.c)) return
      db.prepare(
        `INSERT INTO offer_events (offer_id, customer_id, user_id, outcome, at, segment) VALUES (1, ?, ?, ?, ?, ?)`,
      ).run(op.c, op.user, op.outcome, BASE + op.day * DAY, op.segment)
      return
    case 'updateOffer': {
      const id = pickFrom('offer_events', op.pick)
      if (id !== null) db.prepare('UPDATE offer_events SET outcome = ? WHERE id = ?').run(op.outcome, id)
      return
    }
    case 'deleteOffer': {
      const id = pickFrom('offer_events', op.pick)
      if (id !== null) db.prepare('DELETE FROM offer_events WHERE id = ?').run(id)
    }
  }
}

describe('dashboard rollups (real SQLite file)', () => {
  const tmp = tempDir()
  let db: DB

  beforeAll(() => {
    db = openDatabase(tmp.file('rollups.db'))
    db.exec(`INSERT INTO users (id, name, role, team) VALUES (1, 'Agentin', 'agent', 'Team Nord'),
      (2, 'Agent Süd', 'agent', 'Team Süd')`)
    db.prepare(
      `INSERT INTO offers (id, code, kind, name_de, name_en) VALUES (1, 'O1', 'discount', 'Rabatt', 'Discount')`,
    ).run()
  })
  afterAll(() => {
    db.close()
    tmp.cleanup()
  })

  it('equal a full recompute and a raw-row scan after random inserts, updates and deletes', () => {
    const filters: DashboardFilter[] = [
      {},
      { vertical: 'saas' },
      { segment: 'churn_risk', channel: 'email' },
      { language: 'en', team: 'Team Nord' },
      { agentId: 1, segment: 'loyal_advocate' },
      { team: 'Team Süd' },
      { agentId: 2, vertical: 'telecom' },
      { segment: 'churn_risk', language: 'de' },
    ]
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
        // Each run starts from the same four customers and is rolled back afterwards.
        db.exec('SAVEPOINT run')
        try {
          db.exec('DROP TRIGGER loops_no_delete')
          addCustomers(db, 4)
          for (const op of ops) apply(db, op)
          for (const filter of filters) {
            for (const days of [7, 30] as const) {
              const rollup = dashboardSummary(db, { now: NOW, days, filter })
              const scan = dashboardSummary(db, { now: NOW, days, filter, source: 'scan' })
              expect(withoutTiming(rollup)).toEqual(withoutTiming(scan))
            }
          }
          const incremental = rollupSnapshot(db)
          rebuildDashboardRollups(db)
          rebuildLoopRollups(db)
          rebuildMovement(db)
          expect(incremental).toEqual(rollupSnapshot(db))
          expect(watchlistCounts(db)).toEqual(rawWatchlistCounts(db))
          expect(
            db
              .prepare(
                `SELECT count(*) FROM loops l WHERE l.vertical IS NOT (SELECT vertical FROM customers WHERE id = l.customer_id)`,
              )
              .pluck()
              .get(),
          ).toBe(0)
        } finally {
          db.exec('ROLLBACK TO run; RELEASE run')
        }
      }),
      { numRuns: 60 },
    )
  })

  it('answers inserted in bulk mode (an import batch) leave the rollups and movement as the per-row triggers do', () => {
    // Answer operations only, bulk batches weighted up: a batch lands between, before and after a
    // customer's stored answers, on the same days, and updates and deletes follow it.
    const feedbackOp = (name: Op['op']) => opArb.filter((o) => o.op === name)
    const ops = fc.array(
      fc.oneof(
        { arbitrary: feedbackOp('addFeedback'), weight: 3 },
        { arbitrary: feedbackOp('bulkFeedback'), weight: 3 },
        { arbitrary: feedbackOp('updateFeedback'), weight: 1 },
        { arbitrary: feedbackOp('deleteFeedback'), weight: 1 },
      ),
      { minLength: 2, maxLength: 20 },
    )
    fc.assert(
      fc.property(ops, (list) => {
        db.exec('SAVEPOINT bulk')
        try {
          addCustomers(db, 4)
          for (const op of list) apply(db, op)
          const incremental = rollupSnapshot(db)
          rebuildDashboardRollups(db)
          rebuildMovement(db)
          expect(incremental).toEqual(rollupSnapshot(db))
          expect(db.prepare('SELECT count(*) FROM bulk_insert_mode').pluck().get()).toBe(0)
        } finally {
          db.exec('ROLLBACK TO bulk; RELEASE bulk')
        }
      }),
      { numRuns: 150 },
    )
  })

  it('loop tiles from rollups and duration indexes equal the JS reduction of raw loops after random lifecycles', () => {
    const filters: DashboardFilter[] = [
      {},
      { team: 'Team Nord' },
      { team: 'Team Süd', language: 'en' },
      { agentId: 2 },
      { segment: 'churn_risk', vertical: 'telecom' },
    ]
    // Loop operations dominate here (an added loop, then several steps on it), so every loop KPI
    // sees multi-loop periods: medians of even and odd counts, reopened-and-resolved-again loops.
    const ops = fc.array(fc.oneof({ arbitrary: loopOps[0], weight: 3 }, ...loopOps.slice(1)), {
      minLength: 5,
      maxLength: 60,
    })
    fc.assert(
      fc.property(ops, (list) => {
        db.exec('SAVEPOINT loops')
        try {
          db.exec('DROP TRIGGER loops_no_delete')
          addCustomers(db, 4)
          for (const op of list) apply(db, op)
          for (const filter of filters) {
            for (const days of [7, 30] as const) {
              const rollup = dashboardSummary(db, { now: NOW, days, filter })
              const scan = dashboardSummary(db, { now: NOW, days, filter, source: 'scan' })
              expect(rollup.current.loops).toEqual(scan.current.loops)
              expect(rollup.previous.loops).toEqual(scan.previous.loops)
              expect(rollup.trend).toEqual(scan.trend)
            }
          }
          const incremental = rollupSnapshot(db)
          rebuildLoopRollups(db)
          expect(incremental).toEqual(rollupSnapshot(db))
        } finally {
          db.exec('ROLLBACK TO loops; RELEASE loops')
        }
      }),
      { numRuns: 80 },
    )
  })

  it('reads the unfiltered feedback tile from the totals, by primary-key range without sorting', () => {
    const plan = (filter: DashboardFilter) => {
      const query = feedbackRollupQuery({ fromDay: 100, toDay: 200 }, filter)
      return (db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(query.params) as { detail: string }[]).map(
        (r) => r.detail,
      )
    }
    expect(plan({})).toEqual([
      expect.stringMatching(/^SEARCH dash_feedback_total USING PRIMARY KEY \(day>\? AND day<\?\)/),
    ])
    expect(plan({ vertical: 'saas' }).join(' | ')).toMatch(
      /^SEARCH dash_feedback_day USING PRIMARY KEY \(day>\? AND day<\?\)$/,
    )
  })

  it('counts a hand-made week: NPS, intent, churn, offers and retention saves', () => {
    db.exec('SAVEPOINT hand')
    try {
      addCustomers(db, 4)
      const answer = db.prepare(
        `INSERT INTO feedback (customer_id, nps, intent, intent_scale, intent_raw, channel, source, source_response_id, answered_at, created_at, topics)
         VALUES (?, ?, ?, 'percent', ?, 'email', 't', ?, ?, 0, ?)`,
      )
      // Today (day 20): customer 1 promoter 10 at 80 %, 2 detractor 3 at 20 %, 3 passive 8 at 50 %,
      // 4 detractor 0 at 10 % about price; last week (day 12): customer 1 promoter 9 at 90 %.
      const today = BASE + 20 * DAY
      answer.run(1, 10, 0.8, 80, 'a', today, null)
      answer.run(2, 3, 0.2, 20, 'b', today, 'price')
      answer.run(3, 8, 0.5, 50, 'c', today, null)
      answer.run(4, 0, 0.1, 10, 'd', today, 'price,billing')
      answer.run(1, 9, 0.9, 90, 'e', BASE + 12 * DAY, null)
      // Customer 2 churned yesterday; customer 4 accepted a retention offer as churn risk and stayed.
      db.prepare(`UPDATE customers SET status = 'churned', churned_at = ? WHERE id = 2`).run(today - DAY)
      db.prepare(
        `INSERT INTO offer_events (offer_id, customer_id, outcome, at, segment) VALUES (1, 4, 'accepted', ?, 'churn_risk')`,
      ).run(today)
      db.prepare(
        `INSERT INTO offer_events (offer_id, customer_id, outcome, at, segment) VALUES (1, 3, 'declined', ?, 'undecided')`,
      ).run(today)

      const s = dashboardSummary(db, { now: NOW, days: 7, filter: {} })
      // 1 promoter, 1 passive, 2 detractors: NPS = 25 - 50 = -25
      expect(s.current.nps).toMatchObject({ n: 4, promoters: 1, passives: 1, detractors: 2, nps: -25 })
      expect(s.current.intent.avg).toBeCloseTo((0.8 + 0.2 + 0.5 + 0.1) / 4, 10)
      expect(s.current.matrix.detractor.low).toBe(2)
      expect(s.previous.nps).toMatchObject({ n: 1, promoters: 1, nps: 100 })
      // 4 customers at the start of the week, one lost: 25 %
      expect(s.current.churn).toEqual({ atStart: 4, lost: 1, churnRate: 0.25, retentionRate: 0.75 })
      expect(s.current.offers).toEqual({
        calls: 0,
        callsWithOffer: 0,
        presentationRate: null,
        presented: 0,
        accepted: 1,
        declined: 1,
        acceptanceRate: 0.5,
        saves: 1,
      })
      expect(s.topics.map((t) => [t.topic, t.mentions, t.detractors])).toEqual([
        ['price', 2, 2],
        ['billing', 1, 1],
      ])

      const range = { fromDay: 20_014, toDay: 20_021 }
      const detractors = drill(db, {
        range,
        filter: {},
        target: { kind: 'nps', group: 'detractor' },
        limit: 10,
      })
      expect(detractors.kind === 'customers' && detractors.rows.map((r) => r.customerId).sort()).toEqual([
        2, 4,
      ])
      const saves = drill(db, { range, filter: {}, target: { kind: 'offers', outcome: 'saves' }, limit: 10 })
      expect(saves.rows.map((r) => ('customerId' in r ? r.customerId : 0))).toEqual([4])
      const churned = drill(db, { range, filter: {}, target: { kind: 'churned' }, limit: 10 })
      expect(churned.rows.map((r) => ('customerId' in r ? r.customerId : 0))).toEqual([2])
    } finally {
      db.exec('ROLLBACK TO hand; RELEASE hand')
    }
  })
})

describe('drill-down lists and the numbers on the tiles (real SQLite file)', () => {
  const tmp = tempDir()
  let db: DB

  beforeAll(() => {
    db = openDatabase(tmp.file('drill.db'))
    db.exec(`INSERT INTO users (id, name, role, team) VALUES (1, 'Agentin', 'agent', 'Team Nord'),
      (2, 'Agent Süd', 'agent', 'Team Süd')`)
    db.prepare(
      `INSERT INTO offers (id, code, kind, name_de, name_en) VALUES (1, 'O1', 'discount', 'Rabatt', 'Discount')`,
    ).run()
    addCustomers(db, 6)
    const answer = db.prepare(
      `INSERT INTO feedback (customer_id, nps, intent, intent_scale, intent_raw, channel, source, source_response_id, answered_at, created_at, topics)
       VALUES (?, ?, ?, 'percent', ?, 'email', 't', ?, ?, 0, ?)`,
    )
    const day = (d: number, h = 0) => BASE + d * DAY + h * HOUR
    // This week (days 14-20): customer 1 answers twice (both count), customer 5 gives only an
    // intent, customer 6 only an NPS; one answer last week.
    answer.run(1, 10, 0.8, 80, 'a', day(15), 'price')
    answer.run(1, 4, 0.2, 20, 'b', day(19), 'price,service')
    answer.run(2, 3, 0.1, 10, 'c', day(20), null)
    answer.run(3, 8, 0.6, 60, 'd', day(18), 'service')
    answer.run(5, null, 0.9, 90, 'e', day(17), null)
    db.prepare(
      `INSERT INTO feedback (customer_id, nps, source, source_response_id, answered_at, created_at) VALUES (6, 9, 't', 'f', ?, 0)`,
    ).run(day(16))
    answer.run(4, 0, 0.1, 10, 'g', day(10), null)
    db.prepare(`UPDATE customers SET status = 'churned', churned_at = ? WHERE id = 4`).run(day(16))
    const loop = db.prepare(
      `INSERT INTO loops (customer_id, origin, type, title, state, created_at, updated_at, assignee_id, assigned_at,
                          first_action_at, informed_at, resolved_at, due_at, reopen_count)
       VALUES (?, 'manual', 'callback', 'L', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    // Four loops opened this week: resolved in time, resolved late after a reopen, in progress, cancelled.
    loop.run(1, 'resolved', day(14), day(14), 1, day(14, 1), day(14, 2), day(14, 3), day(15), day(16), 0)
    loop.run(2, 'resolved', day(15), day(15), 2, day(15, 1), day(15, 5), null, day(19), day(17), 1)
    loop.run(3, 'in_progress', day(16), day(16), 1, day(16, 1), day(16, 4), null, null, day(18), 0)
    loop.run(3, 'cancelled', day(17), day(17), null, null, null, null, null, null, 0)
    const offer = db.prepare(
      `INSERT INTO offer_events (offer_id, customer_id, user_id, outcome, at, segment) VALUES (1, ?, ?, ?, ?, ?)`,
    )
    const call = db.prepare(
      `INSERT INTO interactions (customer_id, user_id, started_at, ended_at) VALUES (?, ?, ?, ?)`,
    )
    // Four calls this week: two with an offer made during the call (one still open, within 12 h),
    // one with an offer a day later (not in the call), one without.
    call.run(1, 1, day(18), day(18, 1))
    offer.run(1, 1, 'presented', day(18) + 30 * 60_000, 'churn_risk')
    call.run(2, 1, day(19), null)
    offer.run(2, 1, 'accepted', day(19, 2), 'churn_risk')
    call.run(3, 2, day(19), day(19, 1))
    offer.run(3, 2, 'declined', day(20), 'loyal_advocate')
    call.run(5, 2, day(20), day(20, 1))
  })
  afterAll(() => {
    db.close()
    tmp.cleanup()
  })

  const range = { fromDay: 20_014, toDay: 20_021 }
  const count = (target: DrillTarget, filter: DashboardFilter = {}, r = range) =>
    drill(db, { range: r, filter, target, limit: 500 }).rows.length

  it('every drill list is as long as the number it opens from', () => {
    const s = dashboardSummary(db, { now: NOW, days: 7, filter: {} })
    const k = s.current
    // hand-counted: NPS answers 10, 4, 3, 8, 9 (5; customer 5 has none); intent answers 5
    expect(k.nps).toMatchObject({ n: 5, promoters: 2, passives: 1, detractors: 2 })
    expect(count({ kind: 'answers' })).toBe(5)
    expect(count({ kind: 'nps', group: 'detractor' })).toBe(k.nps.detractors)
    expect(k.intent.n).toBe(5)
    expect(count({ kind: 'intent' })).toBe(5)
    expect(count({ kind: 'intent', bucket: 1 })).toBe(k.intent.distribution[1])
    expect(count({ kind: 'cell', group: 'detractor', band: 'low' })).toBe(k.matrix.detractor.low)
    // six customers joined before the week, one churned in it
    expect(k.churn).toMatchObject({ atStart: 6, lost: 1 })
    expect(count({ kind: 'retained' })).toBe(5)
    expect(count({ kind: 'churned' })).toBe(1)
    // loops: 4 opened, 2 resolved of them; closure 2 / 3 not cancelled; SLA: 1 of 2 met
    expect(k.loops).toMatchObject({
      opened: 4,
      resolvedOfOpened: 2,
      closureRate: 2 / 3,
      slaDue: 2,
      slaMet: 1,
    })
    expect(count({ kind: 'loops', stage: 'opened' })).toBe(4)
    expect(count({ kind: 'loops', stage: 'resolvedOfOpened' })).toBe(k.loops.resolvedOfOpened)
    expect(count({ kind: 'loops', stage: 'slaMissed' })).toBe(k.loops.slaDue - k.loops.slaMet)
    expect(count({ kind: 'loops', stage: 'reopened' })).toBe(k.loops.reopened)
    expect(count({ kind: 'loops', stage: 'informed' })).toBe(k.loops.informed)
    // offers: 1 presented, 1 accepted, 1 declined; 2 of 4 calls with an offer in the call
    expect(k.offers).toMatchObject({ calls: 4, callsWithOffer: 2, presentationRate: 0.5, declined: 1 })
    expect(count({ kind: 'offers', outcome: 'declined' })).toBe(1)
    expect(count({ kind: 'offers', outcome: 'callsWithOffer' })).toBe(2)
    expect(count({ kind: 'offers', outcome: 'saves' })).toBe(k.offers.saves)
    // topics: price twice (customer 1 both times), service twice
    const price = s.topics.find((t) => t.topic === 'price')
    expect(price?.mentions).toBe(2)
    expect(count({ kind: 'topic', topic: 'price' })).toBe(2)
    // a trend point (day 19): one NPS answer, a topic mention of service
    const day19 = { fromDay: 20_019, toDay: 20_020 }
    const bucket = s.trend.find((b) => b.fromDay === 20_019)
    expect(bucket?.n).toBe(1)
    expect(count({ kind: 'answers' }, {}, day19)).toBe(1)
    expect(count({ kind: 'topic', topic: 'service' }, {}, day19)).toBe(1)
  })

  it('filters narrow the lists as they narrow the tiles: team and segment', () => {
    // Team Nord (agent 1) made both calls with an offer; Team Süd's two calls had none in the call.
    const nord = dashboardSummary(db, { now: NOW, days: 7, filter: { team: 'Team Nord' } }).current
    expect(nord.offers).toMatchObject({ calls: 2, callsWithOffer: 2, presentationRate: 1 })
    expect(count({ kind: 'offers', outcome: 'callsWithOffer' }, { team: 'Team Nord' })).toBe(2)
    const sued = dashboardSummary(db, { now: NOW, days: 7, filter: { team: 'Team Süd' } }).current
    expect(sued.offers).toMatchObject({ calls: 2, callsWithOffer: 0, presentationRate: 0 })
    expect(count({ kind: 'offers', outcome: 'callsWithOffer' }, { team: 'Team Süd' })).toBe(0)
    expect(sued.loops.opened).toBe(1)
    expect(count({ kind: 'loops', stage: 'opened' }, { team: 'Team Süd' })).toBe(1)
    const risk = dashboardSummary(db, { now: NOW, days: 7, filter: { segment: 'churn_risk' } }).current
    expect(count({ kind: 'answers' }, { segment: 'churn_risk' })).toBe(risk.nps.n)
    expect(count({ kind: 'intent' }, { segment: 'churn_risk' })).toBe(risk.intent.n)
  })

  it('movement between matrix cells: steps between consecutive answers, kept by triggers, with drill-down', () => {
    db.exec('SAVEPOINT move')
    try {
      const answer = db.prepare(
        `INSERT INTO feedback (customer_id, nps, intent, intent_scale, source, source_response_id, answered_at, created_at)
         VALUES (?, ?, ?, 'percent', 't', ?, ?, 0)`,
      )
      // Earlier answers for customers 2 and 3, a later one for 3 (cutoffs: high >= .7, medium >= .4).
      answer.run(2, 9, 0.9, 'm1', BASE + 3 * DAY)
      answer.run(3, 7, 0.5, 'm2', BASE + 2 * DAY)
      answer.run(3, 2, 0.3, 'm3', BASE + 20 * DAY + 5 * HOUR)
      // This week's steps, by hand: 1 promoter/high (day 15) -> detractor/low (day 19);
      // 2 promoter/high (day 3) -> detractor/low (day 20); 3 passive/medium (day 2) -> passive/medium
      // (day 18) -> detractor/low (day 20). Customer 5 has no NPS, so no cell.
      const cell = (group: 'promoter' | 'passive' | 'detractor', band: 'high' | 'medium' | 'low') => ({
        group,
        band,
      })
      const week = () => dashboardSummary(db, { now: NOW, days: 7, filter: {} }).movement
      expect(week()).toEqual([
        { from: cell('promoter', 'high'), to: cell('detractor', 'low'), n: 2 },
        { from: cell('passive', 'medium'), to: cell('detractor', 'low'), n: 1 },
        { from: cell('passive', 'medium'), to: cell('passive', 'medium'), n: 1 },
      ])
      const moved = drill(db, {
        range,
        filter: {},
        target: { kind: 'movement', from: cell('promoter', 'high'), to: cell('detractor', 'low') },
        limit: 10,
      })
      expect(moved.rows.map((r) => ('customerId' in r ? r.customerId : 0)).sort()).toEqual([1, 2])
      // Taking customer 3's middle answer out joins its neighbours: passive/medium -> detractor/low once.
      db.prepare(`DELETE FROM feedback WHERE customer_id = 3 AND answered_at = ?`).run(BASE + 18 * DAY)
      expect(week()).toEqual([
        { from: cell('promoter', 'high'), to: cell('detractor', 'low'), n: 2 },
        { from: cell('passive', 'medium'), to: cell('detractor', 'low'), n: 1 },
      ])
      // Moving customer 2's early answer after its other one reverses that step (and dates it day 21).
      db.prepare(`UPDATE feedback SET answered_at = ? WHERE source_response_id = 'm1'`).run(BASE + 21 * DAY)
      expect(week()).toEqual([
        { from: cell('passive', 'medium'), to: cell('detractor', 'low'), n: 1 },
        { from: cell('promoter', 'high'), to: cell('detractor', 'low'), n: 1 },
      ])
      const scan = dashboardSummary(db, { now: NOW, days: 7, filter: {}, source: 'scan' }).movement
      expect(scan).toEqual(week())
      const kept = db.prepare(`SELECT * FROM dash_move_day WHERE n <> 0 ORDER BY 1, 2, 3`).all()
      rebuildMovement(db)
      expect(db.prepare(`SELECT * FROM dash_move_day WHERE n <> 0 ORDER BY 1, 2, 3`).all()).toEqual(kept)
    } finally {
      db.exec('ROLLBACK TO move; RELEASE move')
    }
  })

  it('the watchlist compares with the latest daily snapshot inside the previous period', () => {
    db.exec('SAVEPOINT watch')
    try {
      const listed = db.prepare(
        `INSERT INTO customer_insights (customer_id, segment, risk_score, flags_json, value_cents, computed_at)
         VALUES (?, 'churn_risk', 80, '[]', 0, 0)`,
      )
      listed.run(1)
      listed.run(2)
      // Day 10 (last week): two listed; a second read that day keeps the first snapshot.
      expect(recordWatchlistSnapshot(db, BASE + 10 * DAY)).toBe(true)
      listed.run(3)
      expect(recordWatchlistSnapshot(db, BASE + 10 * DAY + HOUR)).toBe(false)
      const s = dashboardSummary(db, { now: NOW, days: 7, filter: {} })
      expect(s.watchlistSize).toBe(3)
      expect(s.watchlistPrevious).toEqual({ day: 20_010, size: 2 })
      // with 30 days the previous period has no snapshot
      expect(dashboardSummary(db, { now: NOW, days: 30, filter: {} }).watchlistPrevious).toBeNull()
      expect(
        dashboardSummary(db, { now: NOW, days: 7, filter: { vertical: 'saas' } }).watchlistPrevious,
      ).toEqual({
        day: 20_010,
        size: 1,
      })
    } finally {
      db.exec('ROLLBACK TO watch; RELEASE watch')
    }
  })
})

describe('dashboard methods through the core', () => {
  const tmp = tempDir()
  let core: Core

  beforeAll(async () => {
    core = await createTestCore(tmp.file('core.db'), () => NOW)
    core.db.exec(`INSERT INTO users (id, name, role, team) VALUES
      (1, 'Agentin', 'agent', 'Team Nord'), (2, 'Leitung Süd', 'team_lead', 'Team Süd'), (3, 'Chefin', 'supervisor', NULL)`)
  })
  afterAll(async () => {
    await core.close()
    tmp.cleanup()
  })

  const as = async (userId: number, method: string, payload: unknown) => {
    const session = `s${userId}`
    await core.dispatch('session.signIn', { userId }, { session })
    return core.dispatch(method, payload, { session })
  }

  it('refuses agents, lets supervisors in and holds team leads to their team', async () => {
    const agent = await as(1, 'dashboard.summary', { days: 30 })
    expect(agent.ok ? 'ok' : agent.error.code).toBe('FORBIDDEN')
    const supervisor = await as(3, 'dashboard.summary', { days: 30, filter: { vertical: 'saas' } })
    expect(supervisor.ok).toBe(true)
    const lead = await as(2, 'dashboard.summary', { days: 30, filter: { team: 'Team Nord' } })
    expect(lead.ok && (lead.value as DashboardSummary).facets.teams).toEqual(['Team Nord', 'Team Süd'])
  })

  it('validates requests with readable errors', async () => {
    const bad = await as(3, 'dashboard.summary', { days: 14 })
    expect(bad.ok ? 'ok' : bad.error.code).toBe('VALIDATION')
    const half = await as(3, 'dashboard.drill', { days: 30, fromDay: 20_000, target: { kind: 'churned' } })
    expect(half.ok ? '' : half.error.message).toContain('fromDay and toDay go together')
    const injection = await as(3, 'dashboard.drill', {
      days: 30,
      target: { kind: 'topic', topic: "x' OR 1=1 --" },
    })
    expect(injection.ok ? 'ok' : injection.error.code).toBe('VALIDATION')
  })
})
