import Database from 'better-sqlite3'
import { createCore } from '../electron/core/core'
import type { Segment } from '../shared/domain/segment'
import { DEFAULT_NOW } from '../electron/core/demo/generator'
import { evaluateComments } from './insights-comments'
import { openBenchDatabase } from './lib/benchDb'
import { printTable, summarize, time } from './lib/stats'

const SAMPLES = Number(process.env.LOOPDESK_BENCH_LOOKUPS ?? 20_000)
const WARMUP = 2_000
const TARGET_CARD_P99_MS = 2
const TARGET_RECOMPUTE_RATIO = 5

console.log('== Comment analysis (labelled set in test/fixtures/comments-labelled.json)')
evaluateComments()

const { db: benchDb, file } = await openBenchDatabase()
benchDb.close()
const core = await createCore({
  dbPath: file,
  region: 'DE',
  mode: 'headless',
  demo: false,
  clock: () => DEFAULT_NOW,
})
const db = core.db
const maxId = db.prepare('SELECT max(id) FROM customers').pluck().get() as number
const feedbackRows = db.prepare('SELECT max(id) FROM feedback').pluck().get() as number
console.log(
  `\n== Insight per customer (card): ${maxId.toLocaleString('en')} customers, ${feedbackRows.toLocaleString('en')} feedback rows`,
)

let seed = 7
const nextId = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
  return 1 + (seed % maxId)
}
const bare = db.prepare('SELECT id, value_cents, contract_end FROM customers WHERE id = ?')
const baseline: number[] = []
const insight: number[] = []
const withOffers: number[] = []
for (let i = 0; i < SAMPLES + WARMUP; i++) {
  const id = nextId()
  const tBare = time(() => bare.get(id))
  let risk = 0
  let segment: Segment | null = null
  let value = 0
  const tInsight = time(() => {
    const a = core.insights.assess(id)
    risk = a?.risk.score ?? 0
    segment = a?.segment ?? null
    value = a?.valueCents ?? 0
  })
  const tOffers = time(() => core.offers.suggest(id, { segment, risk, valueCents: value }))
  if (i < WARMUP) continue
  baseline.push(tBare)
  insight.push(tInsight)
  withOffers.push(tInsight + tOffers)
}
const base = summarize(baseline)
const insightSummary = summarize(insight)
printTable(
  [
    { name: 'baseline: bare SELECT customer by id', summary: base },
    { name: 'insight: segment + risk flags + score', summary: insightSummary },
    { name: 'insight + ranked offers', summary: summarize(withOffers) },
  ],
  base,
)

console.log('\n== Full recompute of all customers in the worker thread')
const reader = new Database(file, { readonly: true })
const scanStart = performance.now()
let scanned = 0
for (const _row of reader
  .prepare(
    'SELECT customer_id, answered_at, nps, intent, polarity, mentions FROM feedback ORDER BY customer_id, answered_at DESC',
  )
  .raw(true)
  .iterate()) {
  scanned++
}
const scanMs = performance.now() - scanStart
reader.close()
let lastLine = ''
const report = await core.analytics.run('recompute', { now: DEFAULT_NOW }, (p) => {
  const line = `  ${p.phase} ${Math.round((p.done / Math.max(1, p.total)) * 100)}%`
  if (line !== lastLine && (p.done === p.total || p.done % 200_000 === 0)) console.log(line)
  lastLine = line
})
const bareRate = scanned / (scanMs / 1000)
const recomputeRate = report.feedbackRows / (report.ms / 1000)
console.log(
  `bare scan of the feedback table (same columns, index order): ${scanned.toLocaleString('en')} rows in ${(scanMs / 1000).toFixed(2)} s = ${Math.round(bareRate).toLocaleString('en')} rows/s`,
)
console.log(
  `full recompute (scan 4 tables, assess, fit model, write ${report.customers.toLocaleString('en')} insights): ${(report.ms / 1000).toFixed(2)} s = ${Math.round(recomputeRate).toLocaleString('en')} feedback rows/s, ${Math.round(report.customers / (report.ms / 1000)).toLocaleString('en')} customers/s`,
)
console.log(
  `  phases: merged scan + assess ${(report.phases.scanMs / 1000).toFixed(2)} s, model fit ${(report.phases.fitMs / 1000).toFixed(2)} s, write ${(report.phases.writeMs / 1000).toFixed(2)} s`,
)
const ratio = report.ms / scanMs
console.log(`recompute time / bare scan time: ${ratio.toFixed(2)}x (target <= ${TARGET_RECOMPUTE_RATIO}x)`)

const m = report.model
console.log('\n== Churn model (held-out customers: id % 5 == 0)')
console.log(`train ${m.nTrain.toLocaleString('en')}, test ${m.nTest.toLocaleString('en')}`)
console.log(`AUC hand-set weights:            ${m.handAuc?.toFixed(4) ?? 'n/a'}`)
console.log(`AUC fitted logistic (probability): ${m.fittedAuc?.toFixed(4) ?? 'n/a'}`)
console.log(
  `AUC fitted weights as card points: ${m.fittedPointsAuc?.toFixed(4) ?? 'n/a'}  -> in force: ${m.kind}`,
)
console.log(
  `weights in force: ${Object.entries(m.weights)
    .map(([k, v]) => `${k} ${v.toFixed(1)}`)
    .join(', ')}`,
)

const cardOk = insightSummary.p99 <= TARGET_CARD_P99_MS
const recomputeOk = ratio <= TARGET_RECOMPUTE_RATIO
const modelOk = m.kind === 'fitted' && (m.fittedPointsAuc ?? 0) >= 0.8
console.log(
  `\ntargets: card insight p99 <= ${TARGET_CARD_P99_MS} ms ${cardOk ? 'MET' : 'MISSED'}; recompute within ${TARGET_RECOMPUTE_RATIO}x of bare scan ${recomputeOk ? 'MET' : 'MISSED'}; fitted AUC >= 0.80 and beats hand weights ${modelOk ? 'MET' : 'MISSED'}`,
)
await core.close()
if (!cardOk || !recomputeOk) process.exitCode = 1
