import type { DB } from '../db/connection'
import type { CountryCode } from 'libphonenumber-js'
import { normalizePhone } from '../../../shared/domain/phone'
import { normalizeIntent } from '../../../shared/domain/intent'
import type { CommentAnalyzer } from '../insights/commentAnalysis'
import { analysisColumns } from '../insights/feedbackAnalysis'
import type { FeedbackRecord, RowResult } from './types'

export const IMPORT_BATCH = 5_000
const MAX_REPORTED_REJECTS = 10_000

export interface ImportProgress {
  rows: number
  imported: number
  rowsPerSecond: number
  /** 0..1 when the size of the input is known */
  fraction: number | null
  etaSeconds: number | null
}

export interface ImportReport {
  rows: number
  imported: number
  updated: number
  duplicates: number
  skipped: number
  rejected: number
  /** line and reason of each rejected row (the first 10,000) */
  rejects: { line: number; reason: string }[]
  customersTouched: number
  cancelled: boolean
  ms: number
}

export interface ImportOptions {
  region: CountryCode
  analyzer: CommentAnalyzer
  /** called after each committed batch with the customers whose answers changed */
  onBatch?: (customerIds: readonly number[]) => void
  onProgress?: (p: ImportProgress) => void
  /** how much of the input has been read, 0..1, for progress and ETA */
  fractionRead?: () => number | null
  signal?: AbortSignal
}

type Pending = { line: number; record: FeedbackRecord }

/**
 * Imports parsed answers in batches of one transaction each: a crash or kill loses at most the
 * batch in flight, and re-running the same file then adds only what is missing, because every
 * answer is unique per (source, source response id). Rejected rows are reported, never fatal.
 */
export async function importFeedback(
  db: DB,
  rows: AsyncIterable<RowResult<FeedbackRecord>>,
  options: ImportOptions,
): Promise<ImportReport> {
  const started = performance.now()
  const byCustomerNo = db.prepare<[string], { id: number }>(`SELECT id FROM customers WHERE customer_no = ?`)
  const byContact = db.prepare<[string, string], { customer_id: number }>(
    `SELECT customer_id FROM contact_points WHERE kind = ? AND value = ? LIMIT 2`,
  )
  const existing = db.prepare<
    [string, string],
    {
      id: number
      nps: number | null
      intent_raw: number | null
      intent_scale: string | null
      comment: string | null
      answered_at: number
    }
  >(
    `SELECT id, nps, intent_raw, intent_scale, comment, answered_at FROM feedback WHERE source = ? AND source_response_id = ?`,
  )
  const insert = db.prepare(
    `INSERT INTO feedback (customer_id, nps, intent_raw, intent_scale, intent, comment, language, channel, source,
       source_response_id, answered_at, created_at, polarity, sentiment, topics, mentions)
     VALUES (@customerId, @nps, @intentRaw, @intentScale, @intent, @comment, @language, @channel, @source,
       @sourceResponseId, @answeredAt, @now, @polarity, @sentiment, @topics, @mentions)`,
  )
  const update = db.prepare(
    `UPDATE feedback SET nps = @nps, intent_raw = @intentRaw, intent_scale = @intentScale, intent = @intent,
       comment = @comment, language = @language, channel = @channel, answered_at = @answeredAt,
       polarity = @polarity, sentiment = @sentiment, topics = @topics, mentions = @mentions
     WHERE id = @id`,
  )
  const customerLanguage = db.prepare<[number], { language: 'de' | 'en' }>(
    `SELECT language FROM customers WHERE id = ?`,
  )

  const report: ImportReport = {
    rows: 0,
    imported: 0,
    updated: 0,
    duplicates: 0,
    skipped: 0,
    rejected: 0,
    rejects: [],
    customersTouched: 0,
    cancelled: false,
    ms: 0,
  }
  const touched = new Set<number>()
  const analysisCache = new Map<string, ReturnType<typeof analysisColumns>>()
  const reject = (line: number, reason: string) => {
    report.rejected++
    if (report.rejects.length < MAX_REPORTED_REJECTS) report.rejects.push({ line, reason })
  }

  function resolveCustomer(key: FeedbackRecord['customerKey']): number | string {
    const value = key.value.trim()
    if (!value) return 'missing customer key'
    let ids: number[] = []
    if (key.kind === 'customer_no' || key.kind === 'external') {
      const row = byCustomerNo.get(value)
      if (row) return row.id
      if (key.kind === 'customer_no') return `no customer with number ${value}`
      ids = byContact.all('email', value.toLowerCase()).map((r) => r.customer_id)
    } else if (key.kind === 'email') {
      ids = byContact.all('email', value.toLowerCase()).map((r) => r.customer_id)
    } else {
      const phone = normalizePhone(value, options.region)
      if (!phone.ok) return `"${value}" is not a valid phone number`
      ids = byContact.all('phone', phone.e164).map((r) => r.customer_id)
    }
    if (ids.length === 1) return ids[0] as number
    return ids.length === 0
      ? `no customer with ${key.kind} ${value}`
      : `${key.kind} ${value} belongs to several customers`
  }

  function analyse(comment: string | null, hint: 'de' | 'en' | undefined) {
    if (!comment) return analysisColumns(null)
    const key = `${hint ?? ''}|${comment}`
    let cols = analysisCache.get(key)
    if (!cols) {
      cols = analysisColumns(options.analyzer.analyze(comment, hint))
      if (analysisCache.size < 100_000) analysisCache.set(key, cols)
    }
    return cols
  }

  const writeBatch = db.transaction((batch: Pending[]): number[] => {
    const changed: number[] = []
    const now = Date.now()
    for (const { line, record: r } of batch) {
      const customer = resolveCustomer(r.customerKey)
      if (typeof customer === 'string') {
        reject(line, customer)
        continue
      }
      let intent: number | null = null
      if (r.intentRaw !== null) {
        if (r.intentScale === null) {
          reject(line, 'intent answer without a scale')
          continue
        }
        try {
          intent = normalizeIntent(r.intentRaw, r.intentScale)
        } catch (err) {
          reject(line, (err as Error).message)
          continue
        }
      }
      const hint = r.language ?? customerLanguage.get(customer)?.language
      const values = {
        customerId: customer,
        nps: r.nps,
        intentRaw: r.intentRaw,
        intentScale: r.intentScale,
        intent,
        comment: r.comment,
        language: r.language ?? hint ?? null,
        channel: r.channel,
        source: r.source,
        sourceResponseId: r.sourceResponseId,
        answeredAt: r.answeredAt,
        now,
        ...analyse(r.comment, hint),
      }
      const before = existing.get(r.source, r.sourceResponseId)
      if (!before) {
        insert.run(values)
        report.imported++
      } else if (
        before.nps === r.nps &&
        before.intent_raw === r.intentRaw &&
        before.intent_scale === r.intentScale &&
        before.comment === r.comment &&
        before.answered_at === r.answeredAt
      ) {
        report.duplicates++
        continue
      } else {
        // The survey tool sent a newer version of the same response (e.g. a webhook update).
        update.run({ ...values, id: before.id })
        report.updated++
      }
      changed.push(customer)
    }
    return changed
  })

  let batch: Pending[] = []
  const flush = () => {
    if (batch.length === 0) return
    const changed = writeBatch.immediate(batch)
    batch = []
    for (const id of changed) touched.add(id)
    options.onBatch?.([...new Set(changed)])
    const seconds = (performance.now() - started) / 1000
    const fraction = options.fractionRead?.() ?? null
    options.onProgress?.({
      rows: report.rows,
      imported: report.imported,
      rowsPerSecond: report.rows / Math.max(seconds, 1e-6),
      fraction,
      etaSeconds: fraction && fraction > 0 ? (seconds * (1 - fraction)) / fraction : null,
    })
  }

  for await (const row of rows) {
    report.rows++
    if (!row.ok) {
      if ('skipped' in row && row.skipped) report.skipped++
      else reject(row.line, row.reason)
    } else {
      batch.push({ line: row.line, record: row.record })
    }
    if (batch.length >= IMPORT_BATCH) {
      flush()
      if (options.signal?.aborted) {
        report.cancelled = true
        break
      }
      // Let the event loop breathe (cancel messages, progress delivery) between batches.
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  if (!report.cancelled) flush()
  // Parser rejects are known at once, customer look-ups at batch time: report in file order.
  report.rejects.sort((a, b) => a.line - b.line)
  report.customersTouched = touched.size
  report.ms = performance.now() - started
  return report
}
