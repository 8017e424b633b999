// Child process for the kill-during-import test: imports generated answers into the given database
// slowly enough that the parent can kill it in the middle.
import { openDatabase } from '../../electron/core/db/connection'
import { createCommentAnalyzer } from '../../electron/core/insights/commentAnalysis'
import { importFeedback } from '../../electron/core/import/feedbackImporter'
import type { FeedbackRecord, RowResult } from '../../electron/core/import/types'

const [file, total] = [process.argv[2] as string, Number(process.argv[3])]

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
const report = await importFeedback(db, rows(), {
  region: 'DE',
  analyzer: await createCommentAnalyzer(),
  onProgress: (p) => process.stdout.write(`progress ${p.imported}\n`),
})
process.stdout.write(`done ${JSON.stringify(report)}\n`)
db.close()
