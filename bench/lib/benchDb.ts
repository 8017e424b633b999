import fs from 'node:fs'
import path from 'node:path'
import { openDatabase, type DB } from '../../electron/core/db/connection'
import { DEFAULT_NOW, seedDemoData } from '../../electron/core/demo/generator'
import { createCommentAnalyzer } from '../../electron/core/insights/commentAnalysis'
import { finishDatabase } from '../../electron/core/demo/finishDatabase'

export const BENCH_CUSTOMERS = Number(process.env.LOOPDESK_BENCH_CUSTOMERS ?? 1_000_000)

/** Built to the end (seeded, analysed, assessed) with the expected size, by a bench run or `npm run seed`. */
function isComplete(file: string, customers: number): boolean {
  if (!fs.existsSync(file)) return false
  // An error opening it (locked by another benchmark, newer schema) is reported, never "fixed" by
  // deleting a file that took a quarter of an hour to build.
  const db = openDatabase(file)
  try {
    const n = db.prepare('SELECT count(*) FROM customers').pluck().get() as number
    const assessed = db.prepare('SELECT count(*) FROM risk_models').pluck().get() as number
    return n === customers && assessed > 0
  } finally {
    db.close()
  }
}

/**
 * The shared benchmark database (1M customers, ~5M feedback rows by default), built once with the
 * demo generator and reused by later runs; `npm run seed -- --customers N` builds the same file.
 */
export async function openBenchDatabase(customers = BENCH_CUSTOMERS): Promise<{ db: DB; file: string }> {
  const file = path.resolve(process.env.LOOPDESK_BENCH_DB ?? `.bench/loopdesk-${customers}.db`)
  if (!isComplete(file, customers)) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
    console.log(
      `Building benchmark database ${file} with ${customers.toLocaleString('en')} customers (once) ...`,
    )
    const db = openDatabase(file)
    let last = 0
    const report = seedDemoData(db, {
      customers,
      onProgress: (done, total) => {
        const pct = Math.floor((done / total) * 100)
        if (pct >= last + 10 || done === total) {
          last = pct
          process.stdout.write(`  ${pct}% (${done.toLocaleString('en')} customers)\n`)
        }
      },
    })
    console.log(`  seeded in ${(report.ms / 1000).toFixed(1)} s; analysing comments ...`)
    finishDatabase(db, file, await createCommentAnalyzer(), DEFAULT_NOW, {
      log: (line) => console.log(`  ${line}`),
    })
  }
  return { db: openDatabase(file), file }
}
