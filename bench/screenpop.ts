import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { createCore } from '../electron/core/core'
import { createCardReader } from '../electron/core/services/customerCard'
import { openBenchDatabase } from './lib/benchDb'
import { rng } from './lib/rng'
import { printTable, summarize, time } from './lib/stats'

const LOOKUPS = Number(process.env.LOOPDESK_BENCH_LOOKUPS ?? 20_000)
const WARMUP = 2_000
const TARGET_P99_MS = 5

/** The notations real caller-ids and typed numbers come in. */
function variants(e164: string): string[] {
  const parsed = parsePhoneNumberFromString(e164)
  if (!parsed) return [e164]
  const intl = parsed.formatInternational()
  const out = [e164, intl, intl.replace(/ /g, '-'), `00${e164.slice(1)}`, `00${intl.slice(1)}`]
  if (parsed.country === 'DE') {
    const national = parsed.formatNational()
    const [area, ...rest] = national.split(' ')
    out.push(national, `${area}/${rest.join('')}`, `(${area}) ${rest.join(' ')}`)
  }
  return out
}

const { db: benchDb, file } = await openBenchDatabase()
benchDb.close()
const core = await createCore({ dbPath: file, region: 'DE', mode: 'headless', demo: false })
const db = core.db
const counts = db
  .prepare(
    `SELECT (SELECT count(*) FROM customers) AS customers, (SELECT max(id) FROM feedback) AS feedback,
                   (SELECT max(rowid) FROM contact_points) AS contacts`,
  )
  .get() as { customers: number; feedback: number; contacts: number }
console.log(
  `database ${file}: ${counts.customers.toLocaleString('en')} customers, ${counts.feedback.toLocaleString('en')} feedback rows`,
)

const random = rng(20261123)
const phoneAt = db.prepare<[number], { value: string; customer_id: number }>(
  `SELECT value, customer_id FROM contact_points WHERE rowid = ? AND kind = 'phone'`,
)
const samples: { e164: string; query: string; customerId: number }[] = []
while (samples.length < LOOKUPS + WARMUP) {
  const row = phoneAt.get(1 + Math.floor(random() * counts.contacts))
  if (!row) continue
  const forms = variants(row.value)
  samples.push({
    e164: row.value,
    query: forms[Math.floor(random() * forms.length)] as string,
    customerId: row.customer_id,
  })
}

const bare = db.prepare<[string], { customer_id: number }>(
  `SELECT customer_id FROM contact_points WHERE kind = 'phone' AND value = ?`,
)
const pop = core.screenPop
const readBase = createCardReader(db)

const baseline: number[] = []
const full: number[] = []
const cardOnly: number[] = []
const storedOnly: number[] = []
let misses = 0
// Interleaved per lookup so machine noise hits all three measures alike.
samples.forEach((s, i) => {
  const tBare = time(() => bare.get(s.e164))
  let matched = false
  const tFull = time(() => {
    const result = pop.lookup(s.query)
    matched = result.kind !== 'unknown'
  })
  const tCard = time(() => pop.card(s.customerId))
  const tStored = time(() => readBase(s.customerId))
  if (!matched) misses++
  if (i < WARMUP) return
  baseline.push(tBare)
  full.push(tFull)
  cardOnly.push(tCard)
  storedOnly.push(tStored)
})

const base = summarize(baseline)
const fullSummary = summarize(full)
console.log(
  `\n${LOOKUPS.toLocaleString('en')} lookups by random phone numbers in varied notations (after ${WARMUP} warm-up)`,
)
printTable(
  [
    { name: 'baseline: bare indexed SELECT by E.164', summary: base },
    { name: 'screen pop: normalise + find + full card', summary: fullSummary },
    { name: 'card by customer id (stored data + insight + offers)', summary: summarize(cardOnly) },
    { name: 'stored-data part of the card only', summary: summarize(storedOnly) },
  ],
  base,
)
console.log(`\nunmatched lookups: ${misses} (must be 0)`)
const pass = fullSummary.p99 <= TARGET_P99_MS && misses === 0
console.log(
  `target: screen pop p99 <= ${TARGET_P99_MS} ms -> ${pass ? 'MET' : 'MISSED'} (p99 ${fullSummary.p99.toFixed(3)} ms)`,
)
await core.close()
if (!pass) process.exitCode = 1
