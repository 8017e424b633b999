import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parse as parseCsv } from 'csv-parse/sync'
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { createCore } from '../electron/core/core'
import { IMPORT_BATCH } from '../electron/core/import/batchedImport'
import { DEFAULT_NOW } from '../electron/core/demo/generator'
import { COMMENT_TEMPLATES } from '../electron/core/demo/vocabulary'
import { openBenchDatabase } from './lib/benchDb'
import { rng } from './lib/rng'
import { printTable, summarize, time } from './lib/stats'

const ROWS = Number(process.env.LOOPDESK_BENCH_IMPORT_ROWS ?? 1_000_000)
const TARGET_RATE = 50_000
const TARGET_RATIO = 0.25
const TARGET_POP_P99 = 20

const csvQuote = (s: string) => (/[";\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

/** 1M answers in German Excel style, half with a comment; comments vary so analysis really runs. */
function writeCsv(file: string, customers: number): void {
  const random = rng(4242)
  const out = fs.openSync(file, 'w')
  fs.writeSync(out, '\ufeffantwort_id;kundennummer;datum;nps;kaufabsicht;kommentar\n')
  let chunk = ''
  for (let i = 1; i <= ROWS; i++) {
    const customer = 1 + Math.floor(random() * customers)
    const t = new Date(DEFAULT_NOW - Math.floor(random() * 365) * 86_400_000)
    const date = `${String(t.getUTCDate()).padStart(2, '0')}.${String(t.getUTCMonth() + 1).padStart(2, '0')}.${t.getUTCFullYear()}`
    let comment = ''
    if (random() < 0.5) {
      const a = COMMENT_TEMPLATES[Math.floor(random() * COMMENT_TEMPLATES.length)]
      const b = COMMENT_TEMPLATES[Math.floor(random() * COMMENT_TEMPLATES.length)]
      comment = a && b && a.lang === b.lang && random() < 0.5 ? `${a.text} ${b.text}` : (a?.text ?? '')
      if (random() < 0.5) comment += ` (Vertrag ${1000 + Math.floor(random() * 9000)})`
    }
    chunk += `bench-${i};K-${1_000_000 + customer};${date};${Math.floor(random() * 11)};${Math.floor(random() * 11)};${csvQuote(comment)}\n`
    if (i % 20_000 === 0) {
      fs.writeSync(out, chunk)
      chunk = ''
    }
  }
  fs.writeSync(out, chunk)
  fs.closeSync(out)
}

const { db: benchDb, file: benchFile } = await openBenchDatabase()
const customers = benchDb.prepare('SELECT count(*) FROM customers').pluck().get() as number
const phones = benchDb
  .prepare(`SELECT value FROM contact_points WHERE kind = 'phone' AND rowid % 997 = 0 LIMIT 5000`)
  .pluck()
  .all() as string[]
benchDb.close()

const work = path.resolve('.bench/import-work')
fs.mkdirSync(work, { recursive: true })
// named by both sizes: the customer numbers in it must exist in the database it goes into
const csv = path.join(work, `feedback-${ROWS}-${customers}.csv`)
if (!fs.existsSync(csv)) {
  console.log(`writing ${ROWS.toLocaleString('en')} answers to ${csv} ...`)
  writeCsv(csv, customers)
}
const dbFile = path.join(work, 'import-target.db')
for (const s of ['', '-wal', '-shm']) fs.rmSync(dbFile + s, { force: true })
console.log('copying the benchmark database (1M customers, 5M answers) so the import does not change it ...')
fs.copyFileSync(benchFile, dbFile)

// Baseline: the same rows through one prepared INSERT in transactions, into an empty table.
const baseDb = new Database(path.join(work, 'baseline.db'))
baseDb.pragma('journal_mode = WAL')
baseDb.pragma('synchronous = NORMAL')
baseDb.exec(
  'DROP TABLE IF EXISTS f; CREATE TABLE f (id TEXT, customer TEXT, day TEXT, nps INTEGER, intent INTEGER, comment TEXT)',
)
const ins = baseDb.prepare('INSERT INTO f VALUES (?, ?, ?, ?, ?, ?)')
// Parsed before the clock starts (quotes honoured): the baseline is the bare insert loop alone.
const lines = parseCsv(fs.readFileSync(csv, 'utf8'), {
  delimiter: ';',
  bom: true,
  from_line: 2,
}) as string[][]
const baseStart = performance.now()
const tx = baseDb.transaction((from: number, to: number) => {
  for (let i = from; i < to; i++) {
    const c = lines[i] as string[]
    ins.run(c[0], c[1], c[2], Number(c[3]), Number(c[4]), c[5] ?? '')
  }
})
// committed in the import's batch size, so both sides pay the same number of commits
for (let i = 0; i < lines.length; i += IMPORT_BATCH) tx(i, Math.min(lines.length, i + IMPORT_BATCH))
const baseMs = performance.now() - baseStart
baseDb.close()
const baseRate = lines.length / (baseMs / 1000)
console.log(
  `baseline: bare prepared INSERT of ${lines.length.toLocaleString('en')} rows into an empty table: ${(baseMs / 1000).toFixed(2)} s = ${Math.round(baseRate).toLocaleString('en')} rows/s`,
)

// Floor: the same rows into the real answer table of a copy of the database, with its three
// indexes but every trigger dropped, customers resolved and dates parsed beforehand, no comment
// analysis, insights, rollups or loops: what the table alone costs at this size.
const floorFile = path.join(work, 'floor.db')
fs.copyFileSync(dbFile, floorFile)
const floorDb = new Database(floorFile)
floorDb.pragma('journal_mode = WAL')
floorDb.pragma('synchronous = NORMAL')
floorDb.pragma('cache_size = -524288')
floorDb.pragma('wal_autocheckpoint = 16384')
const customerIds = new Map<string, number>()
for (const [id, no] of floorDb
  .prepare('SELECT id, customer_no FROM customers')
  .raw()
  .iterate() as IterableIterator<[number, string]>)
  customerIds.set(no, id)
const floorRows = lines.map((c) => {
  const [d, m, y] = (c[2] as string).split('.').map(Number) as [number, number, number]
  return [
    customerIds.get(c[1] as string) ?? 0,
    Number(c[3]),
    Number(c[4]),
    c[5] || null,
    c[0],
    Date.UTC(y, m - 1, d),
  ] as const
})
for (const t of floorDb
  .prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'feedback'`)
  .pluck()
  .all() as string[])
  floorDb.exec(`DROP TRIGGER ${t}`)
const floorInsert = floorDb.prepare(
  `INSERT INTO feedback (customer_id, nps, intent_raw, intent_scale, intent, comment, source, source_response_id, answered_at, created_at)
   VALUES (?, ?, ?, '0-10', ?, ?, 'floor', ?, ?, 0) ON CONFLICT (source, source_response_id) DO NOTHING`,
)
const floorBatch = floorDb.transaction((rows: (typeof floorRows)[number][]) => {
  for (const r of rows) floorInsert.run(r[0], r[1], r[2], r[2] / 10, r[3], r[4], r[5])
})
const floorStart = performance.now()
for (let i = 0; i < floorRows.length; i += IMPORT_BATCH)
  // in customer order, as the import writes a batch
  floorBatch.immediate(floorRows.slice(i, i + IMPORT_BATCH).sort((a, b) => a[0] - b[0] || a[5] - b[5]))
const floorMs = performance.now() - floorStart
floorDb.close()
for (const s of ['', '-wal', '-shm']) fs.rmSync(floorFile + s, { force: true })
const floorRate = floorRows.length / (floorMs / 1000)
console.log(
  `floor: the same rows into the answer table of the 1M database (3 indexes, no triggers, nothing derived): ${(floorMs / 1000).toFixed(2)} s = ${Math.round(floorRate).toLocaleString('en')} rows/s (${(floorRate / baseRate).toFixed(2)} of the bare insert)`,
)

const core = await createCore({
  dbPath: dbFile,
  region: 'DE',
  mode: 'headless',
  demo: false,
  clock: () => DEFAULT_NOW,
})
const upload = await core.dispatch('import.upload', { fileName: 'bench.csv', chunkBase64: '', last: false })
if (!upload.ok) throw new Error(upload.error.message)
const uploadId = (upload.value as { uploadId: string }).uploadId
// Hand the file over in 384 KiB chunks, as the UI does.
const fd = fs.openSync(csv, 'r')
const buf = Buffer.alloc(384 * 1024)
for (;;) {
  const n = fs.readSync(fd, buf)
  const r = await core.dispatch('import.upload', {
    uploadId,
    fileName: 'bench.csv',
    chunkBase64: buf.subarray(0, n).toString('base64'),
    last: n < buf.length,
  })
  if (!r.ok) throw new Error(r.error.message)
  if (n < buf.length) break
}
fs.closeSync(fd)
const mapping = {
  responseId: 'antwort_id',
  customerKey: 'kundennummer',
  customerKeyKind: 'customer_no',
  answeredAt: 'datum',
  nps: 'nps',
  intent: 'kaufabsicht',
  intentScale: '0-10',
  comment: 'kommentar',
}
const started = await core.dispatch('import.start', { uploadId, format: 'generic-csv', mapping })
if (!started.ok) throw new Error(started.error.message)
const jobId = (started.value as { jobId: string }).jobId

// Screen pops on the main thread while the worker imports, an agent's write (a live answer) every
// 250 ms, and the event loop's delay: the import's write lock must never freeze the main thread.
const pops: number[] = []
const writes: number[] = []
const writeFailures: string[] = []
const loopDelay = monitorEventLoopDelay({ resolution: 5 })
loopDelay.enable()
let writing = true
const agentWrites = (async () => {
  for (let n = 0; writing; n++) {
    await new Promise((r) => setTimeout(r, 250))
    const t0 = performance.now()
    const r = await core.dispatch('feedback.record', {
      customerId: 1 + ((n * 7919) % customers),
      nps: n % 11,
    })
    writes.push(performance.now() - t0)
    if (!r.ok) writeFailures.push(r.error.message)
  }
})()
let status: {
  state: string
  rows: number
  report: {
    imported: number
    rejected: number
    ms: number
    rows: number
    customersTouched: number
    loopsCreated: number
    phases?: { readMs: number; prepareMs: number; writeMs: number; derivedMs: number; commitMs: number }
  } | null
  error: string | null
}
let lastShown = 0
let i = 0
for (;;) {
  const phone = phones[i++ % phones.length] as string
  const national = parsePhoneNumberFromString(phone)?.formatNational() ?? phone
  pops.push(time(() => core.screenPop.lookup(national)))
  await new Promise((r) => setTimeout(r, 2))
  const s = await core.dispatch('import.status', { jobId })
  if (!s.ok) throw new Error(s.error.message)
  status = s.value as typeof status
  if (status.rows - lastShown >= 100_000) {
    lastShown = status.rows
    console.log(`  ${status.rows.toLocaleString('en')} rows ...`)
  }
  if (status.state !== 'running') break
}
writing = false
await agentWrites
loopDelay.disable()
await core.close()
if (status.state !== 'done' || !status.report) throw new Error(`import ${status.state}: ${status.error}`)
const rate = status.report.rows / (status.report.ms / 1000)
const r = status.report
console.log(
  `\nimport (parse CSV, match customers, analyse comments, insert in batches, insights of the touched customers, loop rules): ${r.imported.toLocaleString('en')} imported, ${r.rejected} rejected, ${r.customersTouched.toLocaleString('en')} customers' insights refreshed, ${r.loopsCreated.toLocaleString('en')} loops opened, in ${(r.ms / 1000).toFixed(2)} s = ${Math.round(rate).toLocaleString('en')} rows/s`,
)
if (r.phases) {
  const p = r.phases
  const share = (ms: number) => `${(ms / 1000).toFixed(1)} s (${Math.round((ms / r.ms) * 100)} %)`
  console.log(
    `  read + parse ${share(p.readMs)}; customer look-ups + comment analysis ${share(p.prepareMs)}; row inserts ${share(p.writeMs)}; insights + loop rules ${share(p.derivedMs)}; commits ${share(p.commitMs)}`,
  )
}
console.log(
  `ratio to the bare insert: ${(rate / baseRate).toFixed(2)} (target >= ${TARGET_RATIO}); to the floor (answer table alone): ${(rate / floorRate).toFixed(2)}`,
)
const pop = summarize(pops)
console.log(`\nscreen pops on the main thread during the import (${pop.n}):`)
printTable([{ name: 'screen pop by national number', summary: pop }], pop)
const w = summarize(writes)
console.log(
  `\nan agent's answer recorded on the main thread every 250 ms during the import (${w.n}): saved after p50 ${w.p50.toFixed(1)} ms, p99 ${w.p99.toFixed(1)} ms, max ${w.max.toFixed(0)} ms (waiting for a batch's commit, off the event loop); ${writeFailures.length} refused${writeFailures[0] ? ` (${writeFailures[0]})` : ''}`,
)
console.log(
  `main event loop delay during the import: p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms`,
)
const ok = rate >= TARGET_RATE && rate / baseRate >= TARGET_RATIO && pop.p99 <= TARGET_POP_P99
console.log(
  `targets: >= ${TARGET_RATE.toLocaleString('en')} rows/s ${rate >= TARGET_RATE ? 'MET' : 'MISSED'}; >= ${TARGET_RATIO} of bare insert ${rate / baseRate >= TARGET_RATIO ? 'MET' : 'MISSED'}; screen pop p99 <= ${TARGET_POP_P99} ms ${pop.p99 <= TARGET_POP_P99 ? 'MET' : 'MISSED'}`,
)
fs.rmSync(dbFile, { force: true })
if (!ok) process.exitCode = 1
