import fs from 'node:fs'
import path from 'node:path'
import { openDatabase, type DB } from '../../electron/core/db/connection'
import { DEFAULT_NOW, seedDemoData } from '../../electron/core/demo/generator'
import { createCommentAnalyzer } from '../../electron/core/insights/commentAnalysis'
import { analyzePendingFeedback } from '../../electron/core/insights/feedbackAnalysis'
import { recomputeAll } from '../../electron/core/insights/recompute'

export const BENCH_CUSTOMERS = Number(process.env.LOOPDESK_BENCH_CUSTOMERS ?? 1_000_000)

/**
 * The shared benchmark database (1M customers, ~5M feedback rows by default), built once with the
 * demo generator and reused by later runs; `npm run seed -- --customers N` builds the same file.
 */
export async function openBenchDatabase(customers = BENCH_CUSTOMERS): Promise<{ db: DB; file: string }> {
  const file = path.resolve(process.env.LOOPDESK_BENCH_DB ?? `.bench/loopdesk-${customers}.db`)
  const marker = `${file}.complete`
  if (!fs.existsSync(marker)) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
    console.log(`Building benchmark database ${file} with ${customers.toLocaleString('en')} customers (once) ...`)
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
    const started = performance.now()
    const analysed = analyzePendingFeedback(db, await createCommentAnalyzer())
    console.log(`  ${analysed.toLocaleString('en')} comments analysed in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    const recompute = recomputeAll(file, { now: DEFAULT_NOW })
    console.log(`  insights for all customers computed in ${(recompute.ms / 1000).toFixed(1)} s`)
    const finish = openDatabase(file)
    finish.exec('ANALYZE')
    finish.pragma('wal_checkpoint(TRUNCATE)')
    finish.close()
    fs.writeFileSync(marker, JSON.stringify(report))
    console.log(`  built in ${(report.ms / 1000).toFixed(1)} s: ${report.feedback.toLocaleString('en')} feedback rows`)
  }
  return { db: openDatabase(file), file }
}
