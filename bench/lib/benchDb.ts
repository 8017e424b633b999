import fs from 'node:fs'
import path from 'node:path'
import { openDatabase, type DB } from '../../electron/core/db/connection'
import { seedDemoData } from '../../electron/core/demo/generator'

export const BENCH_CUSTOMERS = Number(process.env.LOOPDESK_BENCH_CUSTOMERS ?? 1_000_000)

/**
 * The shared benchmark database (1M customers, ~5M feedback rows by default), built once with the
 * demo generator and reused by later runs; `npm run seed -- --customers N` builds the same file.
 */
export function openBenchDatabase(customers = BENCH_CUSTOMERS): { db: DB; file: string } {
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
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.exec('ANALYZE')
    db.close()
    fs.writeFileSync(marker, JSON.stringify(report))
    console.log(`  built in ${(report.ms / 1000).toFixed(1)} s: ${report.feedback.toLocaleString('en')} feedback rows`)
  }
  return { db: openDatabase(file), file }
}
