// Child process for the kill-during-import test: imports generated answers into the given database
// with the import's derived updates (bulk rollups, insights, loop rules). With a third argument N it
// stops inside batch N's transaction, after its rows and derived updates are written and before the
// commit, says so on stdout and waits there for the parent's kill.
import fs from 'node:fs'
import { openDatabase } from '../../electron/core/db/connection'
import { createDerivedUpdates } from '../../electron/core/import/derivedUpdates'
import { createCommentAnalyzer } from '../../electron/core/insights/commentAnalysis'
import { importFeedback } from '../../electron/core/import/feedbackImporter'
import type { FeedbackRecord, RowResult } from '../../electron/core/import/types'

const [file, total] = [process.argv[2] as string, Number(process.argv[3])]
const holdInBatch = process.argv[4] ? Number(process.argv[4]) : null

async function* rows(): AsyncGenerator<RowResult<FeedbackRecord>> {
  for (let i = 1; i <= total; i++) {
    if (i % 1000 === 0) await new Promise((r) => setTimeout(r, 5))
    yield {
      ok: true,
      line: i + 1,
      record: {
        source: 'kill-test',
        sourceResponseId: `r${i}`,
        customerKey: { kind: 'customer_no', value: `K-${1_000_000 + 1 + (i % 3)}` },
        answeredAt: Date.UTC(2026, 9, 1) + i * 1000,
        nps: i % 11,
        intentRaw: i % 11,
        intentScale: '0-10',
        comment: i % 2 ? 'Viel zu teuer' : null,
        language: 'de',
        channel: 'email',
      },
    }
  }
}

const db = openDatabase(file)
const derived = createDerivedUpdates(db, { clock: () => Date.UTC(2026, 9, 20) })
let batch = 0
const report = await importFeedback(db, rows(), {
  region: 'DE',
  analyzer: await createCommentAnalyzer(),
  afterWrite: (changes) => {
    const result = derived(changes)
    if (++batch === holdInBatch) {
      // synchronous: the parent must read this while the transaction is still open
      fs.writeSync(1, `holding batch ${batch} open\n`)
      const until = Date.now() + 60_000
      while (Date.now() < until) {
        /* the kill arrives here, mid-transaction */
      }
    }
    return result
  },
  onProgress: (p) => process.stdout.write(`progress ${p.imported}\n`),
})
process.stdout.write(`done ${JSON.stringify(report)}\n`)
db.close()
