import { isDeepStrictEqual } from 'node:util'
import { openDatabase } from '../electron/core/db/connection'
import { DEFAULT_NOW } from '../electron/core/demo/generator'
import { feedbackDays, reduceFeedback } from '../electron/core/dashboard/feedbackTiles'
import { reduceTopics, topicDays } from '../electron/core/dashboard/topicTiles'
import { churnOf, watchlistSize } from '../electron/core/dashboard/customerTiles'
import { offersOf } from '../electron/core/dashboard/offerTiles'
import { loopTiles } from '../electron/core/dashboard/loopTiles'
import { bucketsOf, dashboardSummary } from '../electron/core/dashboard/summary'
import { span, type Source } from '../electron/core/dashboard/query'
import { periodRanges, PERIOD_DAYS, type PeriodDays } from '../shared/domain/kpi'
import { DEFAULT_INTENT_CUTOFFS } from '../shared/domain/intent'
import type { DashboardFilter } from '../shared/ipc/dashboardContract'
import { openBenchDatabase } from './lib/benchDb'
import { rng } from './lib/rng'
import { ms, summarize } from './lib/stats'

const TARGET_LOOPS = 100_000
const SAMPLES = Number(process.env.LOOPDESK_BENCH_QUERIES ?? 200)
const TARGET_P95_MS = 100
const IMPORT_ROWS = Number(process.env.LOOPDESK_BENCH_IMPORT_ROWS ?? 50_000)
const DAY = 86_400_000
/** Only the tiles whose name contains this (e.g. LOOPDESK_BENCH_TILES=loops); all by default. */
const ONLY = process.env.LOOPDESK_BENCH_TILES ?? ''

const { db: benchDb, file } = await openBenchDatabase()
benchDb.close()
// Opening with this code applies migration 6 (rollups filled once from the existing rows).
const migrateStart = performance.now()
const db = openDatabase(file)
console.log(
  `opened ${file} (migrations incl. the rollup fill: ${((performance.now() - migrateStart) / 1000).toFixed(1)} s)`,
)
const random = rng(20261123)
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T
const now = DEFAULT_NOW

const FILTERS: DashboardFilter[] = [
  {},
  { vertical: 'telecom' },
  { channel: 'email', language: 'de' },
  { segment: 'churn_risk' },
  { team: 'Team Nord' },
  { vertical: 'saas', segment: 'loyal_advocate', language: 'en' },
]

/** Each tile as the summary computes it, from its rollup or from the raw rows. */
const TILES: Record<string, (source: Source, days: PeriodDays, filter: DashboardFilter) => unknown> = {
  'NPS, intent, matrix + trend (feedback)': (source, days, filter) => {
    const { current, previous } = periodRanges(now, days)
    const rows = feedbackDays(db, source, span(current, previous), filter)
    return [
      reduceFeedback(rows, current, bucketsOf(current, days), filter.segment, DEFAULT_INTENT_CUTOFFS),
      reduceFeedback(rows, previous, [], filter.segment, DEFAULT_INTENT_CUTOFFS),
    ]
  },
  'top topics + trend': (source, days, filter) => {
    const { current, previous } = periodRanges(now, days)
    return reduceTopics(
      topicDays(db, source, span(current, previous), filter),
      current,
      previous,
      bucketsOf(current, days),
    )
  },
  'churn + retention rate': (source, days, filter) => {
    const { current, previous } = periodRanges(now, days)
    return [churnOf(db, source, current, filter), churnOf(db, source, previous, filter)]
  },
  'offers, acceptance, saves': (source, days, filter) => {
    const { current, previous } = periodRanges(now, days)
    return [offersOf(db, source, current, filter), offersOf(db, source, previous, filter)]
  },
  'loops: funnel, times, SLA, reopen + trends': (source, days, filter) => {
    const { current, previous } = periodRanges(now, days)
    return loopTiles(db, source, { current, previous, buckets: bucketsOf(current, days) }, filter)
  },
  'watchlist size': (source, _days, filter) => watchlistSize(db, source, filter),
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint()
  const value = fn()
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value }
}

// Everything below runs in one transaction that is rolled back: the shared file keeps its state.
db.exec('BEGIN IMMEDIATE')
let failed = false
try {
  const existing = db.prepare(`SELECT count(*) FROM loops`).pluck().get() as number
  if (existing < TARGET_LOOPS) {
    // Copies of the demo's loops, shifted back by up to a year and moved to random customers.
    const source = db
      .prepare(
        `SELECT origin, type, title, state, priority, due_at, assignee_id, created_at, updated_at, segment, language,
                assigned_at, first_action_at, informed_at, resolved_at, reopen_count FROM loops`,
      )
      .raw(true)
      .all() as (string | number | null)[][]
    const maxCustomer = db.prepare(`SELECT max(id) FROM customers`).pluck().get() as number
    const insert = db.prepare(
      `INSERT INTO loops (customer_id, origin, type, title, state, priority, due_at, assignee_id, created_at, updated_at, segment,
                          language, assigned_at, first_action_at, informed_at, resolved_at, reopen_count)
       VALUES (${Array(17).fill('?').join(', ')})`,
    )
    const shiftCols = new Set([5, 7, 8, 11, 12, 13, 14])
    for (let i = existing; i < TARGET_LOOPS; i++) {
      const row = source[i % source.length] as (string | number | null)[]
      const shift = Math.floor(random() * 365) * DAY
      const createdAt = (row[7] as number) - shift
      if (createdAt < now - 2 * 365 * DAY) continue
      insert.run(
        1 + Math.floor(random() * maxCustomer),
        ...row.map((v, c) => (shiftCols.has(c) && typeof v === 'number' ? v - shift : v)),
      )
    }
  }
  const counts = db
    .prepare(
      `SELECT (SELECT count(*) FROM customers) AS customers, (SELECT max(id) FROM feedback) AS feedback,
              (SELECT count(*) FROM loops) AS loops, (SELECT count(*) FROM offer_events) AS offers,
              (SELECT count(*) FROM dash_feedback_day) AS feedbackRollup, (SELECT count(*) FROM dash_topic_day) AS topicRollup`,
    )
    .get() as Record<string, number>
  console.log(
    `\n== Dashboard tiles: ${counts.customers?.toLocaleString('en')} customers, ~${counts.feedback?.toLocaleString('en')} answers, ${counts.loops?.toLocaleString('en')} loops, ${counts.offers?.toLocaleString('en')} offer events`,
  )
  console.log(
    `   rollup rows: feedback ${counts.feedbackRollup?.toLocaleString('en')}, topics ${counts.topicRollup?.toLocaleString('en')}; ${SAMPLES} runs per tile over periods ${PERIOD_DAYS.join('/')} days x ${FILTERS.length} filters`,
  )
  const header = [
    'tile',
    'rollup p50',
    'rollup p95',
    'scan p50',
    'scan max',
    'p95 speed-up',
    'same numbers',
    `p95 <= ${TARGET_P95_MS} ms`,
  ]
  const lines: string[][] = []
  for (const [name, tile] of Object.entries(TILES).filter(([n]) => n.includes(ONLY))) {
    const rollupMs: number[] = []
    for (let i = 0; i < SAMPLES + 10; i++) {
      const t = timed(() => tile('rollup', pick(PERIOD_DAYS), pick(FILTERS)))
      if (i >= 10) rollupMs.push(t.ms)
    }
    // The scans are slow (that is the point): each period with two filters, compared number by number.
    const scanMs: number[] = []
    let same = true
    for (const days of PERIOD_DAYS) {
      for (const filter of [FILTERS[0], pick(FILTERS.slice(1))] as DashboardFilter[]) {
        const scan = timed(() => tile('scan', days, filter))
        scanMs.push(scan.ms)
        if (!isDeepStrictEqual(scan.value, tile('rollup', days, filter))) {
          same = false
          console.log(`   MISMATCH ${name} ${days} days ${JSON.stringify(filter)}`)
        }
      }
    }
    const r = summarize(rollupMs)
    const s = summarize(scanMs)
    const ok = r.p95 <= TARGET_P95_MS
    failed ||= !ok || !same
    lines.push([
      name,
      ms(r.p50),
      ms(r.p95),
      ms(s.p50),
      ms(s.max),
      `${(s.p50 / r.p95).toFixed(0)}x`,
      same ? 'yes' : 'NO',
      ok ? 'MET' : 'MISSED',
    ])
    console.log(
      `   ${name}: rollup p95 ${ms(r.p95)}, scan p50 ${ms(s.p50)}, same numbers: ${same ? 'yes' : 'NO'}`,
    )
  }
  const whole: number[] = []
  for (let i = 0; i < Math.min(SAMPLES, 50); i++) {
    whole.push(timed(() => dashboardSummary(db, { now, days: pick(PERIOD_DAYS), filter: pick(FILTERS) })).ms)
  }
  const w = summarize(whole)
  lines.push(['whole summary (all tiles, one request)', ms(w.p50), ms(w.p95), '', '', '', '', ''])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)))
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('  ')
  console.log(fmt(header))
  for (const l of lines) console.log(fmt(l))
} finally {
  db.exec('ROLLBACK')
}
// Outside the tiles' transaction, each run in its own transaction that is rolled back.
{
  // What the triggers cost a bulk import: the same rows inserted with and without them.
  console.log(
    `\n== Trigger cost on bulk feedback inserts (${IMPORT_ROWS.toLocaleString('en')} rows, one transaction, rolled back)`,
  )
  const maxCustomer = db.prepare(`SELECT max(id) FROM customers`).pluck().get() as number
  const insertRows = () => {
    const insert = db.prepare(
      `INSERT INTO feedback (customer_id, nps, intent, intent_scale, intent_raw, channel, language, source, source_response_id, answered_at, created_at, topics)
       VALUES (?, ?, ?, '0-10', ?, 'email', 'de', 'bench', ?, ?, ?, ?)`,
    )
    const r = rng(7)
    return timed(() => {
      for (let i = 0; i < IMPORT_ROWS; i++) {
        const intent = Math.floor(r() * 11)
        insert.run(
          1 + Math.floor(r() * maxCustomer),
          Math.floor(r() * 11),
          intent / 10,
          intent,
          `b${i}`,
          now - Math.floor(r() * 365) * DAY,
          now,
          i % 3 ? null : 'price',
        )
      }
    }).ms
  }
  // Alternating runs, the better of two each: the build machine is shared and noisy.
  const measure = (withTriggers: boolean) => {
    db.exec('BEGIN IMMEDIATE')
    try {
      if (!withTriggers)
        for (const t of ['dash_feedback_insert', 'dash_topic_insert']) db.exec(`DROP TRIGGER ${t}`)
      return insertRows()
    } finally {
      db.exec('ROLLBACK')
    }
  }
  let withoutMs = Infinity
  let withMs = Infinity
  for (let round = 0; round < 2; round++) {
    withoutMs = Math.min(withoutMs, measure(false))
    withMs = Math.min(withMs, measure(true))
  }
  const rate = (x: number) => Math.round(IMPORT_ROWS / (x / 1000)).toLocaleString('en')
  console.log(
    `without rollup triggers: ${rate(withoutMs)} rows/s; with them: ${rate(withMs)} rows/s (${((withMs / withoutMs - 1) * 100).toFixed(0)} % more time per row)`,
  )
}
db.close()
console.log(
  `\ntargets: every tile p95 <= ${TARGET_P95_MS} ms and equal to its scan: ${failed ? 'MISSED' : 'MET'}`,
)
if (failed) process.exitCode = 1
