import type { CountryCode } from 'libphonenumber-js'
import type { DB } from '../db/connection'
import { normalizeIntent } from '../../../shared/domain/intent'
import type { CommentAnalyzer } from '../insights/commentAnalysis'
import { analysisColumns } from '../insights/feedbackAnalysis'
import {
  runBatchedImport,
  sortedIds,
  type BatchChanges,
  type BatchContext,
  type BatchOptions,
  type BatchWriter,
  type ImportReport,
  type Pending,
} from './batchedImport'
import { createCustomerResolver } from './customerResolver'
import { createBulkRollups } from '../dashboard/bulkRollups'
import type { FeedbackRecord, RowResult } from './types'

export { IMPORT_BATCH } from './batchedImport'
export type { ImportProgress, ImportReport } from './batchedImport'

export interface ImportOptions extends BatchOptions {
  region: CountryCode
  analyzer: CommentAnalyzer
}

type Analysis = ReturnType<typeof analysisColumns>

/** A row ready to write: customer found, intent normalised, comment analysed. */
interface ReadyAnswer {
  line: number
  record: FeedbackRecord
  customerId: number
  intent: number | null
  language: string | null
  hint: 'de' | 'en' | undefined
  analysis: Analysis
}

interface StoredAnswer {
  nps: number | null
  intent_raw: number | null
  intent_scale: string | null
  intent: number | null
  comment: string | null
}

/**
 * A newer version of a stored response keeps what it leaves empty: survey tools send partial
 * versions (a Formbricks responseUpdated before the last question, a CSV export with a question
 * skipped), and such a version arriving after the complete one must not blank its answers.
 */
function mergeWithStored(r: FeedbackRecord, a: ReadyAnswer, before: StoredAnswer) {
  const keepIntent = r.intentRaw === null && before.intent_raw !== null
  return {
    nps: r.nps ?? before.nps,
    intentRaw: keepIntent ? before.intent_raw : r.intentRaw,
    intentScale: keepIntent ? (before.intent_scale as FeedbackRecord['intentScale']) : r.intentScale,
    intent: keepIntent ? before.intent : a.intent,
    comment: r.comment ?? before.comment,
    hint: a.hint,
  }
}

const NO_ANALYSIS = analysisColumns(null)

/**
 * Imports parsed answers. Every answer is unique per (source, source response id): re-importing the
 * same file adds nothing, and a changed response (a webhook update) is updated in place.
 */
export async function importFeedback(
  db: DB,
  rows: AsyncIterable<RowResult<FeedbackRecord>>,
  options: ImportOptions,
): Promise<ImportReport> {
  return runBatchedImport(db, rows, createFeedbackWriter(db, options), options)
}

function createFeedbackWriter(db: DB, options: ImportOptions): BatchWriter<FeedbackRecord> {
  const resolver = createCustomerResolver(db, options.region)
  const insertInBulk = createBulkRollups(db)
  // Insert first and look only when the answer is already there: a new answer costs one walk of
  // the unique index instead of a look-up plus an insert.
  const insert = db.prepare(
    `INSERT INTO feedback (customer_id, nps, intent_raw, intent_scale, intent, comment, language, channel, source,
       source_response_id, answered_at, created_at, polarity, sentiment, topics, mentions)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (source, source_response_id) DO NOTHING`,
  )
  const existing = db.prepare<
    [string, string],
    {
      id: number
      customer_id: number
      nps: number | null
      intent_raw: number | null
      intent_scale: string | null
      comment: string | null
      answered_at: number
      intent: number | null
      channel: string | null
    }
  >(
    `SELECT id, customer_id, nps, intent_raw, intent_scale, intent, comment, channel, answered_at FROM feedback
      WHERE source = ? AND source_response_id = ?`,
  )
  const update = db.prepare(
    `UPDATE feedback SET customer_id = ?, nps = ?, intent_raw = ?, intent_scale = ?, intent = ?, comment = ?,
       language = ?, channel = ?, answered_at = ?, polarity = ?, sentiment = ?, topics = ?, mentions = ?
     WHERE id = ?`,
  )
  // Survey tools repeat stock phrases: each distinct text (and language hint) is analysed once.
  const analysisCache = new Map<string, Analysis>()
  let ready: ReadyAnswer[] = []
  let pendingRejects: { line: number; reason: string }[] = []

  function analyse(comment: string | null, hint: 'de' | 'en' | undefined): Analysis {
    if (!comment) return NO_ANALYSIS
    const key = hint === undefined ? comment : `${hint}|${comment}`
    let cols = analysisCache.get(key)
    if (!cols) {
      cols = analysisColumns(options.analyzer.analyze(comment, hint))
      if (analysisCache.size >= 200_000) analysisCache.clear()
      analysisCache.set(key, cols)
    }
    return cols
  }

  function prepareOne({ line, record: r }: Pending<FeedbackRecord>): ReadyAnswer | string {
    const customer = resolver.resolve(r.customerKey)
    if (typeof customer === 'string') return customer
    let intent: number | null = null
    if (r.intentRaw !== null) {
      if (r.intentScale === null) return 'intent answer without a scale'
      try {
        intent = normalizeIntent(r.intentRaw, r.intentScale)
      } catch (err) {
        return (err as Error).message
      }
    }
    const hint = r.language ?? customer.language
    return {
      line,
      record: r,
      customerId: customer.id,
      intent,
      language: r.language ?? hint ?? null,
      hint,
      analysis: analyse(r.comment, hint),
    }
  }

  return {
    prepare(batch) {
      ready = []
      pendingRejects = []
      resolver.warm(batch.map((p) => p.record.customerKey))
      for (const pending of batch) {
        const one = prepareOne(pending)
        if (typeof one === 'string') pendingRejects.push({ line: pending.line, reason: one })
        else ready.push(one)
      }
      // In index order: the new entries of feedback(customer_id, answered_at) land next to each
      // other, so a batch dirties far fewer B-tree pages than the same rows in file order.
      ready.sort((a, b) => a.customerId - b.customerId || a.record.answeredAt - b.record.answeredAt)
    },
    write(_batch, ctx: BatchContext): BatchChanges {
      for (const r of pendingRejects) ctx.reject(r.line, r.reason)
      const now = Date.now()
      const customers: number[] = []
      const feedbackIds: number[] = []
      // Answers already stored (or twice in this batch) are updated after the inserts, with their
      // per-row triggers, against rollups that already count the batch's new answers.
      const stored: ReadyAnswer[] = []
      insertInBulk(() => {
        for (const a of ready) {
          const r = a.record
          const { polarity, sentiment, topics, mentions } = a.analysis
          const inserted = insert.run(
            a.customerId,
            r.nps,
            r.intentRaw,
            r.intentScale,
            a.intent,
            r.comment,
            a.language,
            r.channel,
            r.source,
            r.sourceResponseId,
            r.answeredAt,
            now,
            polarity,
            sentiment,
            topics,
            mentions,
          )
          if (inserted.changes === 1) {
            ctx.report.imported++
            customers.push(a.customerId)
            feedbackIds.push(Number(inserted.lastInsertRowid))
          } else stored.push(a)
        }
      })
      for (const a of stored) {
        const r = a.record
        const before = existing.get(r.source, r.sourceResponseId)
        if (!before) throw new Error(`answer ${r.source}/${r.sourceResponseId} vanished during the import`)
        const merged = mergeWithStored(r, a, before)
        if (
          before.customer_id === a.customerId &&
          before.nps === merged.nps &&
          before.intent_raw === merged.intentRaw &&
          before.intent_scale === merged.intentScale &&
          before.comment === merged.comment &&
          before.answered_at === r.answeredAt
        ) {
          ctx.report.duplicates++
          continue
        }
        // The survey tool sent a newer version of the same response (e.g. a webhook update).
        const cols = merged.comment === r.comment ? a.analysis : analyse(merged.comment, merged.hint)
        update.run(
          a.customerId,
          merged.nps,
          merged.intentRaw,
          merged.intentScale,
          merged.intent,
          merged.comment,
          a.language,
          r.channel ?? before.channel,
          r.answeredAt,
          cols.polarity,
          cols.sentiment,
          cols.topics,
          cols.mentions,
          before.id,
        )
        ctx.report.updated++
        customers.push(a.customerId)
        if (before.customer_id !== a.customerId) customers.push(before.customer_id)
        feedbackIds.push(before.id)
      }
      ready = []
      pendingRejects = []
      return { customerIds: sortedIds(customers), feedbackIds }
    },
  }
}
