/**
 * Screen pop as the agent sees it: from the lookup request to the painted call workspace, in
 * Debian's Chromium against headless mode on the benchmark database. The renderer sets three
 * performance marks (renderer/src/components/call/perfMarks.ts): one right before
 * `screenPop.lookup` is sent, one in the animation frame after the card's first pass was laid out
 * (header, scores, risk, offers), and one after the complete card: the deferred sections with the
 * call context (comment analysis, sparklines, tickets) and the history. The target is judged on
 * the complete card. Next to both, the same-run time of an empty round trip through the same HTTP
 * path from the same page, so the figures read against what the transport alone costs.
 *
 * Every screen pop starts a call (an insert into interactions), so the run works on a copy of the
 * benchmark database, never on the shared file.
 *
 *   npm run bench:ui                                   # 1M customers (builds .bench/ once)
 *   LOOPDESK_BENCH_CUSTOMERS=20000 npm run bench:ui    # a small database while developing
 */
import fs from 'node:fs'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { createCore } from '../electron/core/core'
import { startHeadlessServer } from '../electron/core/http/server'
import { COMPLETE_MARK, LOOKUP_MARK, PAINT_MARK } from '../renderer/src/components/call/perfMarks'
import { openBenchDatabase } from './lib/benchDb'
import { rng } from './lib/rng'
import { summarize, type Summary } from './lib/stats'

const LOOKUPS = Number(process.env.LOOPDESK_BENCH_UI_LOOKUPS ?? 200)
const WARMUP = 20
const TARGET_P95_MS = 100
const CHROMIUM = process.env.LOOPDESK_CHROMIUM ?? '/usr/bin/chromium'

/** The notations caller-ids and typed numbers come in (as in bench/screenpop.ts). */
function variants(e164: string): string[] {
  const parsed = parsePhoneNumberFromString(e164)
  if (!parsed) return [e164]
  const intl = parsed.formatInternational()
  const out = [e164, intl, intl.replace(/ /g, '-'), `00${e164.slice(1)}`]
  if (parsed.country === 'DE') {
    const [area, ...rest] = parsed.formatNational().split(' ')
    out.push(parsed.formatNational(), `${area}/${rest.join('')}`, `(${area}) ${rest.join(' ')}`)
  }
  return out
}

const { db: benchDb, file } = await openBenchDatabase()
benchDb.close()
const work = path.resolve('.bench/ui-work')
fs.mkdirSync(work, { recursive: true })
const copy = path.join(work, `ui-${process.pid}.db`)
console.log(`copying ${file} to ${copy} (screen pops write calls) ...`)
fs.copyFileSync(file, copy)
const core = await createCore({ dbPath: copy, region: 'DE', mode: 'headless', demo: false })
const customers = core.db.prepare('SELECT count(*) FROM customers').pluck().get() as number
const maxContact = core.db.prepare('SELECT max(rowid) FROM contact_points').pluck().get() as number
// Numbers shared by several customers give a choice list, not a card: they are not screen pops.
const phoneAt = core.db.prepare<[number], { value: string }>(
  `SELECT p.value FROM contact_points p WHERE p.rowid = ? AND p.kind = 'phone'
      AND (SELECT count(*) FROM contact_points q WHERE q.kind = 'phone' AND q.value = p.value) = 1`,
)
const random = rng(20261124)
const queries: string[] = []
while (queries.length < LOOKUPS + WARMUP) {
  const row = phoneAt.get(1 + Math.floor(random() * maxContact))
  if (!row) continue
  const forms = variants(row.value)
  queries.push(forms[Math.floor(random() * forms.length)] as string)
}

const server = await startHeadlessServer({
  dispatch: core.dispatch,
  staticDir: path.resolve(process.env.LOOPDESK_OUT ?? 'out', 'renderer'),
})
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
})
const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'de-DE' })
const page = await context.newPage()
await page.goto(server.appUrl)
await page.getByTestId('app-info').waitFor()
const search = page.getByRole('combobox', { name: /Anrufer suchen/ })

interface Pop {
  /** Lookup request -> first pass painted. */
  painted: number
  /** Lookup request -> complete card painted (call context and history rendered). */
  complete: number
}

/** One screen pop through the UI: type the number, Enter, wait for the complete painted card. */
async function popOnce(query: string): Promise<Pop | null> {
  await page.evaluate(() => performance.clearMarks())
  await search.fill(query)
  await search.press('Enter')
  await page.waitForFunction(
    ({ complete }) => {
      const status = document.querySelector('[data-testid="lookup-status"]')?.getAttribute('data-status')
      return performance.getEntriesByName(complete).length > 0 || (status !== 'loading' && status !== 'match')
    },
    { complete: COMPLETE_MARK },
  )
  return page.evaluate(
    ({ lookup, paint, complete }) => {
      const start = performance.getEntriesByName(lookup)[0]
      const first = performance.getEntriesByName(paint)[0]
      const end = performance.getEntriesByName(complete)[0]
      return start && first && end
        ? { painted: first.startTime - start.startTime, complete: end.startTime - start.startTime }
        : null
    },
    { lookup: LOOKUP_MARK, paint: PAINT_MARK, complete: COMPLETE_MARK },
  )
}

/** The empty round trip: a request the core answers without work, through the same HTTP path. */
function emptyRoundTrip(): Promise<number> {
  return page.evaluate(async (token) => {
    const t0 = performance.now()
    const response = await fetch('/api/invoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ method: 'calls.takePending', payload: {} }),
    })
    await response.json()
    return performance.now() - t0
  }, server.token)
}

const painted: number[] = []
const completed: number[] = []
const trips: number[] = []
let notCards = 0
for (const [i, query] of queries.entries()) {
  // Interleaved, so machine noise hits both measures alike.
  const trip = await emptyRoundTrip()
  const pop = await popOnce(query)
  if (i < WARMUP) continue
  trips.push(trip)
  if (pop === null) notCards++
  else {
    painted.push(pop.painted)
    completed.push(pop.complete)
  }
}

const chromiumVersion = browser.version()
await browser.close()
await server.close()
await core.close()
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true })

const row = (name: string, s: Summary, base: Summary) =>
  `${name.padEnd(52)} ${String(s.n).padStart(4)} ${s.p50.toFixed(1).padStart(7)} ms ${s.p95.toFixed(1).padStart(7)} ms ${s.p99
    .toFixed(1)
    .padStart(7)} ms   ${(s.p95 / base.p95).toFixed(1)}×`
const trip = summarize(trips)
const first = summarize(painted)
const pop = summarize(completed)
console.log(`database ${file}: ${customers.toLocaleString('en')} customers; Chromium ${chromiumVersion}`)
console.log(
  `${'measure'.padEnd(52)} ${'n'.padStart(4)} ${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'p99'.padStart(10)}   p95 ÷ base`,
)
console.log(row('empty round trip (HTTP, calls.takePending)', trip, trip))
console.log(row('screen pop: lookup request -> first pass painted', first, trip))
console.log(row('screen pop: lookup request -> complete card painted', pop, trip))
if (notCards > 0) console.log(`${notCards} lookups ended without a card (not counted)`)
const met = pop.p95 <= TARGET_P95_MS
console.log(
  `target p95 <= ${TARGET_P95_MS} ms to the complete painted card: ${met ? 'met' : 'NOT met'} (p95 ${pop.p95.toFixed(1)} ms)`,
)
process.exitCode = met ? 0 : 1
